package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A manager answering a visitor who blocked the bot is told before and
// after that the answer is saved but will not reach them (the Telegram
// manager is told the same); before, the page said it was on its way.
func TestAnAnswerToAVisitorWhoBlockedTheBotSaysItWillNotArrive(t *testing.T) {
	fe := newFeedbackEnv(t)
	if err := fe.db.SetResidentUnreachable(context.Background(), fe.own.ResidentID, true); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/admin/feedback/%d", fe.own.ID)
	c, _ := fe.login("manager")
	if _, html, _ := fe.do(c, "GET", page, nil); !strings.Contains(html, "заблокував бота") {
		t.Errorf("the rating page does not warn that the visitor blocked the bot:\n%.3000s", html)
	}
	form := fe.answerForm(t, c, fe.own.ID, "Вибачте, розберемося.")
	if code, _, _ := fe.do(c, "POST", page+"/answer", form); code != http.StatusSeeOther {
		t.Fatalf("answer = %d", code)
	}
	_, html, _ := fe.do(c, "GET", page+"?done=answered", nil)
	if strings.Contains(html, "Відповідь надіслано мешканцю") || !strings.Contains(html, "Відповідь збережено") {
		t.Errorf("after answering a visitor who blocked the bot the page says:\n%.3000s", html)
	}
}
