package dialog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// outageNoticeText renders the notice of o as a resident in locale reads it.
func outageNoticeText(t *testing.T, locale string, o cases.Outage) string {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine()
	res := vikno.Resident{ID: 1, Channel: vikno.Telegram, ExternalID: "1", Locale: locale}
	return dialogtest.Texts(e.ComposeTo(res, func(c *dialog.Conv) { dialog.OutageNotice(c, o, city) }))
}

func at3339(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestAnOutageOfOneDayNamesTheDayOnce(t *testing.T) {
	o := cases.Outage{ID: "hw", Kind: cases.OutageHotWater, Districts: []string{"sykhivskyi"}, Status: cases.OutageActive, Version: 1,
		From: at3339(t, "2026-12-09T09:00:00+02:00"), To: at3339(t, "2026-12-09T18:00:00+02:00"), Text: "Ремонт тепломережі"}
	for locale, want := range map[string]string{"uk": "9 грудня, з 09:00 до 18:00", "en": "December 9, from 09:00 to 18:00"} {
		if got := outageNoticeText(t, locale, o); !strings.Contains(got, want) {
			t.Errorf("%s notice lacks %q:\n%s", locale, want, got)
		}
	}
	o.To = at3339(t, "2026-12-10T18:00:00+02:00")
	if got := outageNoticeText(t, "uk", o); !strings.Contains(got, "з 9 грудня, 09:00 до 10 грудня, 18:00") {
		t.Errorf("an outage over two days:\n%s", got)
	}
}

func TestARestoredOutageIsNotAWarning(t *testing.T) {
	o := cases.Outage{ID: "hw", Kind: cases.OutageHotWater, Districts: []string{"sykhivskyi"}, Status: cases.OutageRestored, Version: 2,
		From: at3339(t, "2026-12-09T09:00:00+02:00"), To: at3339(t, "2026-12-09T18:00:00+02:00"),
		UpdatedAt: at3339(t, "2026-12-09T15:30:00+02:00"), Text: "Ремонт тепломережі"}
	got := outageNoticeText(t, "uk", o)
	if !strings.HasPrefix(got, "✅ Гарячу воду відновлено") || strings.Contains(got, "⚠️") || strings.Contains(got, "скасовано") {
		t.Errorf("restored notice:\n%s", got)
	}
}

func TestAPlannedOutageEndedBeforeItBeganIsCancelled(t *testing.T) {
	o := cases.Outage{ID: "hw", Kind: cases.OutageHotWater, Districts: []string{"sykhivskyi"}, Status: cases.OutageRestored, Version: 2,
		From: at3339(t, "2026-12-09T09:00:00+02:00"), To: at3339(t, "2026-12-09T18:00:00+02:00"),
		UpdatedAt: at3339(t, "2026-12-08T16:00:00+02:00"), Text: "Ремонт тепломережі"}
	got := outageNoticeText(t, "uk", o)
	for _, w := range []string{"✅ Відключення гарячої води скасовано", "Сихівський район", "Планувалося: 9 грудня, з 09:00 до 18:00"} {
		if !strings.Contains(got, w) {
			t.Errorf("cancelled notice lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "відновлено") || strings.Contains(got, "⚠️") {
		t.Errorf("a cancelled outage reads as restored or as a warning:\n%s", got)
	}
	en := outageNoticeText(t, "en", o)
	if !strings.Contains(en, "Hot water outage cancelled") || !strings.Contains(en, "Was planned: December 9, from 09:00 to 18:00") {
		t.Errorf("cancelled notice in English:\n%s", en)
	}
	o.Kind = cases.OutageCNAP
	if got := outageNoticeText(t, "uk", o); !strings.Contains(got, "✅ ЦНАП працюватиме як звичайно") {
		t.Errorf("a cancelled CNAP closure:\n%s", got)
	}
}
