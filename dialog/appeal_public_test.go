package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func TestAppealAsksBeforePublishingTheDescription(t *testing.T) {
	tests := []struct {
		name   string
		answer []step
		public bool
	}{
		{"NoButton", []step{{Action: "appeal:pub:n", Want: []string{"Опис на публічній мапі: не показувати"}}}, false},
		{"YesButton", []step{{Action: "appeal:pub:y", Want: []string{"Опис на публічній мапі: показати"}}}, true},
		{"TypedYes", []step{{Text: "так", Want: []string{"Опис на публічній мапі: показати"}}}, true},
		{"TypedNoAfterSomethingElse", []step{
			{Text: "може", Want: []string{"«Так, показати» або «Ні, не показувати»"}, Buttons: []string{"Так, показати", "Ні, не показувати"}},
			{Text: "Ні", Want: []string{"Опис на публічній мапі: не показувати"}},
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newAppealWorld(t)
			dialogtest.Converse(t, w.engine, toSummary[:len(toSummary)-1]...)
			summary := dialogtest.Converse(t, w.engine, tt.answer...)
			dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, summary), Want: []string{"зареєстровано"}})
			list := w.stored(t)
			if len(list) != 1 || list[0].DescriptionPublic != tt.public {
				t.Fatalf("stored %+v, want DescriptionPublic %v", list, tt.public)
			}
		})
	}
}

func TestAppealConsentButtonOutOfStepIsNotTakenAsAnAnswer(t *testing.T) {
	w := newAppealWorld(t)
	dialogtest.Converse(t, w.engine, toSummary...)
	summary := dialogtest.Converse(t, w.engine, step{Action: "appeal:pub:y", Want: []string{"Опис на публічній мапі: не показувати"}})
	dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, summary)})
	if list := w.stored(t); len(list) != 1 || list[0].DescriptionPublic {
		t.Fatalf("an old consent button changed the answer: %+v", list)
	}
}
