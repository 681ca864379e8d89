package dialog_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func TestAResidentWhoNeverConfirmedIsToldTheAppealIsClosed(t *testing.T) {
	w := newAppealWorld(t)
	number, _ := fileOne(t, w)
	executorMoves(t, w, number, cases.AppealDone, "Відновили подачу")
	w.svc.Now = func() time.Time { return time.Now().Add(15 * 24 * time.Hour) }
	if n, err := w.svc.CloseUnconfirmed(context.Background(), 14*24*time.Hour); err != nil || n != 1 {
		t.Fatalf("CloseUnconfirmed = %d, %v", n, err)
	}
	msg := w.pushes.last(t)
	text := dialogtest.Texts(msg.replies)
	for _, want := range []string{"Звернення № " + number + " закрито", "Вашої відповіді", "подайте, будь ласка, нове звернення"} {
		if !strings.Contains(text, want) {
			t.Errorf("the closing notice lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Статус звернення") || strings.Contains(text, "Проблему вирішено?") {
		t.Errorf("the closing notice reads as a bare status change:\n%s", text)
	}
	buttonAction(t, msg.replies, "📝 Подати звернення")
	dialogtest.Converse(t, w.engine, step{Action: "menu:resolve:n:" + number, Want: []string{"не чекає підтвердження"}})
}
