package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

func TestDocumentsReadyNamesThePlaceInTheResidentsLanguage(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	l, _ := city.Location("cnap-center")
	d := cases.DocumentsReady{Reference: "ЦН-2026-01234", LocationID: l.ID, Until: "2026-12-30"}
	e := newEngine()
	render := func(locale string) string {
		res := vikno.Resident{ID: 1, Channel: vikno.Telegram, ExternalID: "1", Locale: locale}
		return dialogtest.Texts(e.ComposeTo(res, func(c *dialog.Conv) { dialog.DocumentsReadyNotice(c, d, l) }))
	}
	if en := render("en"); !strings.Contains(en, l.AddressEN) || strings.Contains(en, l.Address) {
		t.Errorf("the English notice does not give the English address %q:\n%s", l.AddressEN, en)
	}
	if uk := render("uk"); !strings.Contains(uk, l.Address) {
		t.Errorf("the Ukrainian notice lacks the address %q:\n%s", l.Address, uk)
	}
}
