package analysis

import (
	"strings"
	"testing"
)

func TestOtherNumberOfAnEnglishPhrase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"library card", "library cards"},
		{"kids", ""},          // kid: too short to be safe
		{"parking fines", ""}, // fine: too short
		{"parking tickets", "parking ticket"},
		{"pharmacies", "pharmacy"},
		{"family", "families"},
		{"traffic lights", "traffic light"},
		{"branches", "branch"},
		{"address", ""},
		{"bus", ""},
		{"parking", ""},
		{"id-card", "id-cards"},
		{"приватизація", ""},
	}
	for _, tt := range tests {
		got, ok := otherNumber(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("otherNumber(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestEnglishGlossaryReadsBothNumbers(t *testing.T) {
	ukrainian := []Rule{{Phrases: []string{"інтервал руху"}, To: "розклад руху"}}
	rules := withEnglishNumber([]Rule{
		{Phrases: []string{"library card"}, To: "читацький квиток"},
		{Phrases: []string{"pharmacies"}, To: "аптека"},
		{Phrases: []string{"sign"}, To: "знак"},
		{Phrases: []string{"signs"}, To: "підпис"}, // the editor's own line wins
		{Phrases: []string{"branches"}, To: "філія"},
		{Phrases: []string{"branchs"}, To: "інше"},       // both claim "branch": neither gets it
		{Phrases: []string{"intervals"}, To: "інтервал"}, // interval reads as інтервал
	}, ukrainian)
	var got []string
	for _, r := range rules {
		got = append(got, strings.Join(r.Phrases, "|"))
	}
	want := []string{"library card|library cards", "pharmacies|pharmacy", "sign", "signs", "branches", "branchs", "intervals"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rules = %q, want %q", got, want)
	}
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if one, many := terms(t, a, "where is the nearest pharmacy"), terms(t, a, "where are the nearest pharmacies"); one != many {
		t.Errorf("pharmacy reads %q, pharmacies %q: want the same terms", one, many)
	}
}
