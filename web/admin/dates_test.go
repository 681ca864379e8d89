package admin_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// isoInText finds a machine date (2026-12-07, 2026-12-07T14:05) in the
// text of a page, outside tags and their attributes.
var isoInText = regexp.MustCompile(`>[^<>]*\d{4}-\d\d-\d\d[^<>]*<`)

var monthsOf = map[string][]string{
	"uk": {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// readable is t as people read it in lang, in the city's zone, with its
// machine form in the datetime attribute: «7 грудня 2026, 14:05».
func readable(t *testing.T, lang string, at time.Time) string {
	k := at.In(mustKyiv(t))
	return fmt.Sprintf(`<time datetime="%s">%d %s %d, %s</time>`, k.Format(time.RFC3339), k.Day(), monthsOf[lang][k.Month()-1],
		k.Year(), k.Format("15:04"))
}

// Lists and pages show dates as people read them, in the city's time zone
// and the admin's language; machine dates stay in the datetime attributes.
func TestPagesShowDatesAsPeopleReadThem(t *testing.T) {
	b := newBoard(t)
	admin, _ := b.login("admin")
	editor, _ := b.login("editor")
	audit, _ := b.db.ListAudit(t.Context(), 1)
	for _, lang := range []string{"uk", "en"} {
		for _, p := range []struct {
			c          *http.Client
			path, want string
		}{
			{admin, "/admin/appeals", readable(t, lang, b.hot.CreatedAt)},
			{admin, "/admin/appeals/" + b.hot.Number, readable(t, lang, b.hot.DueAt)},
			{admin, "/admin/audit", readable(t, lang, audit[0].At)},
			{editor, "/admin/kb", ""},
		} {
			_, html, _ := b.do(p.c, "GET", p.path+"?lang="+lang, nil)
			if m := isoInText.FindString(html); m != "" {
				t.Errorf("%s %s shows a machine date: %s", lang, p.path, m)
			}
			if p.want != "" && !strings.Contains(html, p.want) {
				t.Errorf("%s %s lacks %s", lang, p.path, p.want)
			}
		}
	}
	fe := newFeedbackEnv(t)
	c, _ := fe.login("manager")
	for _, lang := range []string{"uk", "en"} {
		for _, path := range []string{"/admin/feedback", fmt.Sprintf("/admin/feedback/%d", fe.own.ID)} {
			_, html, _ := fe.do(c, "GET", path+"?lang="+lang, nil)
			if m := isoInText.FindString(html); m != "" {
				t.Errorf("%s %s shows a machine date: %s", lang, path, m)
			}
		}
		_, html, _ := fe.do(c, "GET", fmt.Sprintf("/admin/feedback/%d?lang=%s", fe.own.ID, lang), nil)
		if want := readable(t, lang, fe.own.CreatedAt); !strings.Contains(html, want) {
			t.Errorf("%s rating page lacks %s", lang, want)
		}
	}
}

// The operator's page adds new messages from JSON with the same readable
// time as the messages rendered on the server.
func TestOperatorMessagesComeWithAReadableTime(t *testing.T) {
	e := newOperatorEnv(t)
	h := e.ask("w-dates", "Потрібна людина")
	c, _ := e.login("olena")
	_, body, _ := e.do(c, "GET", fmt.Sprintf("/admin/operators/%d/messages?lang=en", h.ID), nil)
	var got struct{ Messages []struct{ At string } }
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Messages) == 0 {
		t.Fatalf("messages JSON = %s (%v)", body, err)
	}
	if at := got.Messages[0].At; !regexp.MustCompile(`^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d$`).MatchString(at) {
		t.Fatalf("a message's time is %q, want «7 December 2026, 14:05»", at)
	}
}
