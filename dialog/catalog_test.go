package dialog_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog"
)

// pluralCases are counts with their Ukrainian form of "людина".
var pluralCases = []struct {
	n     int
	index int
	uk    string
}{
	{0, 2, "0 людей"},
	{1, 0, "1 людина"},
	{2, 1, "2 людини"},
	{4, 1, "4 людини"},
	{5, 2, "5 людей"},
	{11, 2, "11 людей"},
	{12, 2, "12 людей"},
	{14, 2, "14 людей"},
	{21, 0, "21 людина"},
	{22, 1, "22 людини"},
	{25, 2, "25 людей"},
	{101, 0, "101 людина"},
	{111, 2, "111 людей"},
	{112, 2, "112 людей"},
	{122, 1, "122 людини"},
	{1000, 2, "1000 людей"},
	{-1, 0, "-1 людина"},
}

func TestUkrainianPluralIndex(t *testing.T) {
	for _, tt := range pluralCases {
		if got := dialog.PluralIndex(dialog.UK, tt.n); got != tt.index {
			t.Errorf("PluralIndex(uk, %d) = %d, want %d", tt.n, got, tt.index)
		}
	}
}

func TestEnglishPluralIndex(t *testing.T) {
	for n, want := range map[int]int{0: 1, 1: 0, 2: 1, 11: 1, 21: 1, 101: 1} {
		if got := dialog.PluralIndex(dialog.EN, n); got != want {
			t.Errorf("PluralIndex(en, %d) = %d, want %d", n, got, want)
		}
	}
}

func TestPluralPlaceholderAgreesWithTheCount(t *testing.T) {
	c := dialog.DefaultCatalog()
	c.Add(dialog.UK, map[string]string{"test.queue": "У черзі {n#people}."})
	c.Add(dialog.EN, map[string]string{"test.queue": "{n#people} in the queue."})
	for _, tt := range pluralCases {
		if got, want := c.String(dialog.UK, "test.queue", "n", tt.n), "У черзі "+tt.uk+"."; got != want {
			t.Errorf("uk n=%d: %q, want %q", tt.n, got, want)
		}
	}
	for n, want := range map[int]string{0: "0 people in the queue.", 1: "1 person in the queue.", 21: "21 people in the queue."} {
		if got := c.String(dialog.EN, "test.queue", "n", n); got != want {
			t.Errorf("en n=%d: %q, want %q", n, got, want)
		}
	}
}

func TestNounFallsBackToUkrainianAndToTheNounItself(t *testing.T) {
	c := dialog.DefaultCatalog()
	c.AddNouns(dialog.UK, map[string][]string{"desks": {"вікно", "вікна", "вікон"}})
	tests := []struct {
		name, locale, noun string
		n                  int
		want               string
	}{
		{"EnglishMissingUsesUkrainianRules", dialog.EN, "desks", 22, "вікна"},
		{"UnknownNoun", dialog.UK, "nothing", 5, "nothing"},
		{"ShortFormList", dialog.UK, "short", 5, "коротко"},
	}
	c.AddNouns(dialog.UK, map[string][]string{"short": {"коротко"}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Noun(tt.locale, tt.noun, tt.n); got != tt.want {
				t.Fatalf("Noun = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTemplateMarkupAndSubstitutedValues(t *testing.T) {
	c := dialog.NewCatalog()
	c.Add(dialog.UK, map[string]string{
		"number": "Ваш номер: *{number}*, PIN *{pin}*.",
		"hello":  "Вітаємо, {name}!",
		"count":  "Зараз *{n#people}* у черзі",
	})
	c.AddNouns(dialog.UK, map[string][]string{"people": {"людина", "людини", "людей"}})
	tests := []struct {
		name string
		key  string
		args []any
		want dialog.Text
	}{
		{"BoldMarkersBecomeBoldSpans", "number", []any{"number", "A-17", "pin", 4321}, dialog.Text{
			{Text: "Ваш номер: "}, {Text: "A-17", Bold: true}, {Text: ", PIN "}, {Text: "4321", Bold: true}, {Text: "."},
		}},
		{"AsterisksInAValueStayPlainText", "hello", []any{"name", "*Олена*"}, dialog.Text{
			{Text: "Вітаємо, *Олена*!"},
		}},
		{"HTMLInAValueStaysPlainText", "hello", []any{"name", "<b>Олена</b> & Co"}, dialog.Text{
			{Text: "Вітаємо, <b>Олена</b> & Co!"},
		}},
		{"BracesInAValueAreNotPlaceholders", "hello", []any{"name", "{number}"}, dialog.Text{
			{Text: "Вітаємо, {number}!"},
		}},
		{"AsteriskInABoldValueDoesNotEndBold", "number", []any{"number", "1*2", "pin", "*"}, dialog.Text{
			{Text: "Ваш номер: "}, {Text: "1*2", Bold: true}, {Text: ", PIN "}, {Text: "*", Bold: true}, {Text: "."},
		}},
		{"PluralInsideBold", "count", []any{"n", 3}, dialog.Text{
			{Text: "Зараз "}, {Text: "3 людини", Bold: true}, {Text: " у черзі"},
		}},
		{"MissingKeyShowsTheKey", "nope", nil, dialog.Text{{Text: "nope"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Text(dialog.UK, tt.key, tt.args...); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Text = %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestEnglishFallsBackToUkrainianTemplate(t *testing.T) {
	c := dialog.NewCatalog()
	c.Add(dialog.UK, map[string]string{"only.uk": "лише українською"})
	if !c.Has(dialog.EN, "only.uk") || c.String(dialog.EN, "only.uk") != "лише українською" {
		t.Fatalf("en fallback = %q", c.String(dialog.EN, "only.uk"))
	}
	if c.Has(dialog.EN, "nothing") {
		t.Fatal("Has reports a missing key")
	}
}

// Every text of the engine exists in both languages, so an English
// conversation never shows a Ukrainian fallback (and vice versa).
func TestDefaultCatalogHasEveryKeyInBothLanguages(t *testing.T) {
	keys := []string{
		"welcome", "menu.prompt", "menu.faq", "menu.appeal", "menu.status", "menu.book", "menu.queue",
		"menu.rate", "menu.settings", "btn.menu", "btn.back", "btn.cancel", "help", "cancelled", "soon",
		"settings.prompt", "settings.done", "error.internal", "error.unavailable", "error.limited",
		"error.too_long", "error.unreadable", "error.stale_button", "error.bad_link",
	}
	c := dialog.DefaultCatalog()
	for _, k := range keys {
		uk, en := c.String(dialog.UK, k), c.String(dialog.EN, k)
		if uk == k || en == k || uk == en {
			t.Errorf("%s: uk %q, en %q", k, uk, en)
		}
	}
}

func TestBuiltInTextsAgreeWithTheirNumbers(t *testing.T) {
	c := dialog.DefaultCatalog()
	tests := []struct {
		locale, key string
		n           int
		want        string
	}{
		{dialog.UK, "status.limited", 1, "через 1 хвилину або"},
		{dialog.UK, "status.limited", 3, "через 3 хвилини або"},
		{dialog.UK, "status.limited", 15, "через 15 хвилин або"},
		// No adjective before the number to agree with it («найближчі 21 робочий день»).
		{dialog.UK, "book.day_none", 3, "на 3 робочі дні наперед"},
		{dialog.UK, "book.day_none", 14, "на 14 робочих днів наперед"},
		{dialog.UK, "book.day_none", 21, "на 21 робочий день наперед"},
		{dialog.UK, "book.day_far", 21, "на 21 робочий день наперед"},
		{dialog.EN, "book.day_none", 1, "1 working day ahead."},
		{dialog.EN, "book.day_none", 14, "14 working days ahead."},
		{dialog.UK, "outages.answer", 1, "1 оголошення про відключення"},
		{dialog.UK, "outages.answer", 5, "5 оголошень про відключення"},
		{dialog.UK, "outages.answer", 22, "22 оголошення про відключення"},
		{dialog.UK, "outages.list", 1, "У Вас 1 підписка"},
		{dialog.UK, "outages.list", 2, "У Вас 2 підписки"},
		{dialog.UK, "outages.list", 11, "У Вас 11 підписок"},
		{dialog.UK, "appeal.photo_added", 1, "Фото додано (1 фото)"},
	}
	for _, tt := range tests {
		if got := c.String(tt.locale, tt.key, "n", tt.n, "hotline", "1580"); !strings.Contains(got, tt.want) {
			t.Errorf("%s %s n=%d = %q, want it to contain %q", tt.locale, tt.key, tt.n, got, tt.want)
		}
	}
}
