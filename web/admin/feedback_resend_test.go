package admin_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A form sent again with the same text (a double click, a reload) sends
// once; sent again with the text changed (back, edit, send) it is not
// dropped as «already sent»: the page says the first answer went, keeps the
// new text in the form and one more press sends it as a second answer.
func TestAnEditedAnswerFromTheSameFormIsKeptAndSentOnlyWhenConfirmed(t *testing.T) {
	fe := newFeedbackEnv(t)
	page := fmt.Sprintf("/admin/feedback/%d", fe.own.ID)
	c, _ := fe.login("manager")
	form := fe.answerForm(t, c, fe.own.ID, "Вибачте, розберемося.")
	if code, _, _ := fe.do(c, "POST", page+"/answer", form); code != http.StatusSeeOther {
		t.Fatalf("first answer = %d", code)
	}
	const edited = "Вибачте, розберемося. Завтра відкриємо ще одне вікно."
	form.Set("answer", edited)
	code, html, _ := fe.do(c, "POST", page+"/answer", form)
	if code != http.StatusConflict || !strings.Contains(html, "Першу відповідь із цієї форми вже надіслано") ||
		!strings.Contains(html, ">"+edited+"</textarea>") {
		t.Fatalf("the edited answer from the same form = %d:\n%.4000s", code, html)
	}
	if n := len(fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID))); n != 1 {
		t.Fatalf("%d answers queued before the manager confirmed, want 1", n)
	}
	again := refRe.FindStringSubmatch(html)
	if again == nil || again[1] == form.Get("ref") {
		t.Fatalf("the kept form has no new ref: %v", again)
	}
	form.Set("ref", again[1])
	if s := seenFieldRe.FindStringSubmatch(html); s != nil {
		form.Set("seen", s[1])
	}
	code, _, resp := fe.do(c, "POST", page+"/answer", form)
	if code != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "done=answered") {
		t.Fatalf("the confirmed second answer = %d → %s", code, resp.Header.Get("Location"))
	}
	msgs := fe.outbox(t, fmt.Sprintf("rating:%d:answer:", fe.own.ID))
	if len(msgs) != 2 || !strings.Contains(msgs[1].Replies[0].Text.String()+msgs[0].Replies[0].Text.String(), "ще одне вікно") {
		t.Fatalf("queued answers = %d, want the first and the edited one", len(msgs))
	}
}
