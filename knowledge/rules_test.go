package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vikno-city/vikno"
)

var ruleCity = vikno.City{
	Services: []vikno.Service{{ID: "id-card", Bookable: true}, {ID: "pickup"}},
	Spheres:  []vikno.Sphere{{ID: "roads", Categories: []vikno.Category{{ID: "pothole"}}}},
}

func TestCityFaultNamesTheRuleAnArticleBreaks(t *testing.T) {
	long := strings.Repeat("ї", MaxBody+1)
	tests := []struct {
		name    string
		a       Article
		kind    string
		key     string
		wantArg string
	}{
		{"a body of MaxBody characters is fine", Article{Body: strings.Repeat("ї", MaxBody) + "\n\n", Published: true}, "", "", ""},
		{"a longer body is refused", Article{Body: long}, FaultBodyLong, "body", ""},
		{"a title of MaxTitle characters is fine", Article{Title: strings.Repeat("ї", MaxTitle), Published: true}, "", "", ""},
		{"a longer title is refused", Article{Title: strings.Repeat("ї", MaxTitle+1)}, FaultTitleLong, "title", ""},
		{"a bookable service is fine", Article{Action: "book:id-card", Published: true}, "", "", ""},
		{"a service without booking is refused", Article{Action: "book:pickup", Published: true}, FaultService, "action", "pickup"},
		{"an unknown service is refused", Article{Action: "book:nope", Published: true}, FaultService, "action", "nope"},
		{"an appeal category of the city is fine", Article{Action: "appeal:pothole", Published: true}, "", "", ""},
		{"an unknown category is refused", Article{Action: "appeal:nope", Published: true}, FaultCategory, "action", "nope"},
		{"an unknown action is refused", Article{Action: "dance", Published: true}, FaultAction, "action", "dance"},
		{"a draft may keep a wrong action", Article{Action: "book:nope"}, "", "", ""},
		{"queue and status need nothing of the city", Article{Action: "queue", Published: true}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := CityFault(tt.a, ruleCity)
			switch {
			case tt.kind == "" && f != nil:
				t.Fatalf("fault %+v, want none", f)
			case tt.kind == "":
			case f == nil || f.Kind != tt.kind || f.Key != tt.key || f.Arg != tt.wantArg:
				t.Fatalf("fault %+v, want %s on %s (%s)", f, tt.kind, tt.key, tt.wantArg)
			}
		})
	}
}

func TestLoadFSCheckedNamesFileAndLineOfEachFault(t *testing.T) {
	fsys := fstest.MapFS{
		"good.md": {Data: []byte("---\nid: good\ntitle: T\naction: book:id-card\n---\nbody\n")},
		"long.md": {Data: []byte("---\nid: long\ntitle: T\n---\n\n" + strings.Repeat("a", MaxBody+1) + "\n")},
		"book.md": {Data: []byte("---\nid: book\ntitle: T\ncategory: c\naction: book:pickup\n---\nbody\n")},
	}
	got, err := LoadFSChecked(fsys, CityCheck(ruleCity))
	if got != nil || err == nil {
		t.Fatalf("LoadFSChecked = %d articles, %v; want none and an error", len(got), err)
	}
	for _, want := range []string{"long.md:6: the body has 3001 characters", "book.md:5: action book:pickup: the city has no service"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if vikno.ErrorCode(err) != vikno.EINVALID {
		t.Errorf("code = %s, want invalid", vikno.ErrorCode(err))
	}
	delete(fsys, "long.md")
	delete(fsys, "book.md")
	if got, err := LoadFSChecked(fsys, CityCheck(ruleCity)); err != nil || len(got) != 1 {
		t.Fatalf("the good file alone = %d articles, %v", len(got), err)
	}
}

func TestSkipUnchangedChecksOnlyWhatAnImportChanges(t *testing.T) {
	stored := Article{ID: "old", Title: "T", Body: "b", Locale: LocaleUK, Published: true, Action: "book:gone"}
	check := SkipUnchanged(CityCheck(ruleCity), []Article{stored})
	if key, err := check(stored); err != nil {
		t.Fatalf("the stored article as it is = %s %v, want it to pass", key, err)
	}
	changed := stored
	changed.Body = "new body"
	if key, err := check(changed); err == nil || key != "action" {
		t.Fatalf("the stored article changed = %q %v, want its action refused", key, err)
	}
	fresh := stored
	fresh.ID = "new"
	if _, err := check(fresh); err == nil {
		t.Fatal("a new article with a wrong action passed")
	}
}
