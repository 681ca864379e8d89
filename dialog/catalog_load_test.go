package dialog_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vikno-city/vikno/dialog"
)

func overrides(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, body := range files {
		fs[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fs
}

func TestOverrideReplacesTextsAndPluralForms(t *testing.T) {
	c, err := dialog.LoadCatalog(overrides(map[string]string{
		"uk.yaml": "# Тексти нашого міста\nwelcome: Привіт від Вікна!\nqueue:\n  wait: \"{location}: {n#people}, {min} хв, {age}\"\n" +
			"plural:\n  people:\n    one: особа\n    few: особи\n    many: осіб\n",
		"en.yaml":   "error:\n  limited: Slow down, please.\n",
		"notes.txt": "not a catalogue file",
	}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ locale, key, want string }{
		{dialog.UK, "welcome", "Привіт від Вікна!"},
		{dialog.UK, "queue.wait", "ЦНАП: 3 особи, 12 хв, щойно"},
		{dialog.EN, "error.limited", "Slow down, please."},
		{dialog.EN, "welcome", dialog.DefaultCatalog().String(dialog.EN, "welcome")},
		{dialog.UK, "btn.menu", "🏠 Меню"},
	}
	for _, tt := range tests {
		got := c.String(tt.locale, tt.key, "location", "ЦНАП", "n", 3, "min", 12, "age", "щойно")
		if got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.locale, tt.key, got, tt.want)
		}
	}
}

func TestEmptyOverrideFolderKeepsTheBuiltInTexts(t *testing.T) {
	c, err := dialog.LoadCatalog(overrides(map[string]string{"uk.yaml": "# nothing yet\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(dialog.UK, "help", "hotline", "1580"), dialog.DefaultCatalog().String(dialog.UK, "help", "hotline", "1580"); got != want {
		t.Fatalf("help = %q, want %q", got, want)
	}
}

// A bad override stops start-up with an error that names the file, the line
// and the key, so the operator can fix it.
func TestBadOverrideIsRefusedNamingFileLineAndKey(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		body  string
		wants []string
	}{
		{"UnknownKey", "uk.yaml", "welcome: Привіт\nappeal:\n  wellcome: Привіт\n",
			[]string{"uk.yaml:3", "appeal.wellcome", "no such text"}},
		{"UnknownGroup", "en.yaml", "apeal:\n  start: Hi\n", []string{"en.yaml:2", "apeal.start", "no such text"}},
		{"DroppedPlaceholder", "uk.yaml", "help: Гаряча лінія — 1580.\n", []string{"uk.yaml:1", "help", "{hotline}"}},
		{"AddedPlaceholder", "uk.yaml", "cancelled: Скасовано, {name}.\n", []string{"uk.yaml:1", "cancelled", "{name}", "(none)"}},
		{"ChangedPluralNoun", "uk.yaml", "queue:\n  wait: \"{location} {n#minutes} {min} {age}\"\n",
			[]string{"uk.yaml:2", "queue.wait", "{n#minutes}", "{n#people}"}},
		{"EmptyText", "uk.yaml", "cancelled: \"\"\n", []string{"uk.yaml:1", "cancelled", "empty"}},
		{"NullText", "uk.yaml", "menu:\n  faq:\n", []string{"uk.yaml:2", "menu.faq", "empty"}},
		{"ListInsteadOfText", "uk.yaml", "menu:\n  faq: [a, b]\n", []string{"uk.yaml:2", "menu.faq", "want a text"}},
		{"UnclosedPlaceholder", "uk.yaml", "help: \"Лінія {hotline\"\n", []string{"uk.yaml:1", "help", "{ without }"}},
		{"StrayClosingBrace", "uk.yaml", "help: \"Лінія hotline} {hotline}\"\n", []string{"help", "} without {"}},
		{"BadPlaceholderName", "uk.yaml", "help: \"Лінія {Hot Line}\"\n", []string{"help", "{Hot Line}"}},
		{"UnknownPluralNoun", "uk.yaml", "queue:\n  wait: \"{location} {n#persons} {min} {age}\"\n", []string{"queue.wait", "persons"}},
		{"UnpairedBold", "uk.yaml", "help: \"Лінія *{hotline}\"\n", []string{"uk.yaml:1", "help", "bold"}},
		{"DuplicateKey", "uk.yaml", "welcome: Раз\nwelcome: Два\n", []string{"uk.yaml:2", "welcome", "duplicate"}},
		{"UppercaseKey", "uk.yaml", "Welcome: Привіт\n", []string{"uk.yaml:1", "Welcome"}},
		{"NotAMapping", "uk.yaml", "- welcome\n", []string{"uk.yaml:1", "mapping"}},
		{"BrokenYAML", "uk.yaml", "welcome: [Привіт\n", []string{"uk.yaml", "yaml"}},
		{"MissingPluralForm", "uk.yaml", "plural:\n  people:\n    one: особа\n    many: осіб\n",
			[]string{"uk.yaml:2", "plural.people", `"few"`}},
		{"EnglishPluralFormInUkrainian", "uk.yaml", "plural:\n  people:\n    one: особа\n    few: особи\n    many: осіб\n    other: осіб\n",
			[]string{"plural.people", "unknown plural form"}},
		{"UnknownPluralNounOverride", "en.yaml", "plural:\n  persons:\n    one: person\n    other: persons\n",
			[]string{"en.yaml:2", "plural.persons", "no such plural noun"}},
		{"UnknownLanguage", "ru.yaml", "welcome: Привет\n", []string{"ru.yaml", "unknown language"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dialog.LoadCatalog(overrides(map[string]string{tt.file: tt.body}))
			if err == nil {
				t.Fatal("LoadCatalog accepted the file")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

func TestPlaceholdersAreSortedAndDistinct(t *testing.T) {
	got := dialog.Placeholders("*{n#people}* у {location}, {n#people} · {age} {location}")
	want := []string{"age", "location", "n#people"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Placeholders = %v, want %v", got, want)
	}
}
