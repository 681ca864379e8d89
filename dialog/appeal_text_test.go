package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// photo is a photo update with a caption.
func photo(ref, caption string) dialog.Update {
	return dialog.Update{Photo: &dialog.Photo{Ref: ref}, Text: caption}
}

// Text sent at the photo step after the first message was kept as the
// description is added to it, and the resident is told so; a caption of a
// photo there is added too.
func TestTextAtThePhotoStepIsAddedToTheKeptDescription(t *testing.T) {
	w := newAppealWorld(t)
	replies := dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: "в кіоску біля школи продають алкоголь дітям"},
		step{Action: "appeal:c:other"},
		step{Text: "вул. Зелена, 20", Want: []string{"Опис беру", "Додайте фото"}},
		step{Text: "продавчиня каже, що має дозвіл", Want: []string{"Додано до опису звернення: «продавчиня каже, що має дозвіл»", "Надішліть фото або натисніть «Далі»"},
			Buttons: []string{"Далі"}},
		step{In: photo("ph-1", "щовечора після 18:00"), Want: []string{"Фото додано (1 фото)", "Додано до опису", "щовечора"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"Опис: в кіоску біля школи продають алкоголь дітям\nпродавчиня каже, що має дозвіл\nщовечора після 18:00"}},
	)
	dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, replies), Want: []string{"зареєстровано"}})
	want := "в кіоску біля школи продають алкоголь дітям\nпродавчиня каже, що має дозвіл\nщовечора після 18:00"
	if a := w.stored(t)[0]; a.Description != want || len(a.Photos) != 1 {
		t.Fatalf("filed %q with %d photos, want %q and the photo", a.Description, len(a.Photos), want)
	}
}

// A description over the summary's echo is kept whole, and the resident
// is told that only its beginning is shown (uk and en).
func TestALongDescriptionIsKeptWholeAndTheResidentIsToldWhatIsShown(t *testing.T) {
	w := newAppealWorld(t)
	long := strings.Repeat("Вода тече зі стелі у під’їзді третій день поспіль. ", 20) // 1020 characters
	long = strings.TrimSpace(long)
	n := len([]rune(long))
	replies := dialogtest.Converse(t, w.engine,
		step{Action: "menu:appeal"},
		step{Text: long},
		step{Action: "appeal:c:other"},
		step{Text: "вул. Зелена, 20", Want: []string{"Опис беру", "показано перші 500 символів", "збережено весь опис — 1019 символів", "4000"}},
		step{Action: "appeal:next"},
		step{Action: "appeal:next"},
		step{Action: "appeal:pub:n", Want: []string{"показано перші 500 символів"}},
	)
	dialogtest.Converse(t, w.engine, step{Action: confirmAction(t, replies)})
	if got := w.stored(t)[0].Description; got != long || n != 1019 {
		t.Fatalf("stored %d characters of %d", len([]rune(got)), n)
	}
	en := func(s step) step { s.In.Locale = "en"; s.In.UserID = "english"; return s }
	dialogtest.Converse(t, w.engine,
		en(step{Action: "menu:appeal"}),
		en(step{Text: long}),
		en(step{Action: "appeal:c:other"}),
		en(step{Text: "Zelena St, 20", Want: []string{"The first 500 characters are shown", "whole description, 1019 characters"}}),
		en(step{Text: "it started on Monday", Want: []string{"Added to the description"}}),
	)
}
