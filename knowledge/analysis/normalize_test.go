package analysis

import (
	"strings"
	"testing"
)

func TestNormalizeUnifiesSpellings(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"lower case", "ЦНАП Київ", "цнап київ"},
		{"typewriter apostrophe", "сім'я", "сім'я"},
		{"right quote apostrophe", "сім’я", "сім'я"},
		{"modifier letter apostrophe", "сімʼя", "сім'я"},
		{"backtick", "сім`я", "сім'я"},
		{"left quote", "сім‘я", "сім'я"},
		{"double prime", "сім″я", "сім'я"},
		{"stress mark", "докуме́нти", "документи"},
		{"stress mark on precomposed letter", "café", "cafe"},
		{"soft hyphen", "довід\u00adка", "довідка"},
		{"zero width space", "пас\u200bпорт", "паспорт"},
		{"й stays", "Й й", "й й"},
		{"ї stays", "Ї ї", "ї ї"},
		{"decomposed й composed", "и\u0306", "й"},
		{"decomposed ї composed", "і\u0308", "ї"},
		{"invalid utf-8", "a\xffb", "a b"},
		{"control characters", "a\tb\x00c", "a b c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizerSplitsWordsAndDropsInnerApostrophes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"м'ясо, об'єкт!", "мясо обєкт"},
		{"'цитата' і кінець'", "цитата і кінець"},
		{"id-картка 14-річна", "id картка 14 річна"},
		{"сума 1 000,50 грн", "сума 1 000 50 грн"},
		{"довідка 086у, 14річна, covid19", "довідка 086 у 14 річна covid 19"},
		{"...", ""},
	}
	for _, tt := range tests {
		var words []string
		for _, tok := range (Tokenizer{}).Tokenize([]byte(Normalize(tt.in))) {
			words = append(words, string(tok.Term))
		}
		if got := strings.Join(words, " "); got != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizerOffsetsPointIntoInput(t *testing.T) {
	in := []byte(Normalize("Де ЦНАП?  Сім'я"))
	for _, tok := range (Tokenizer{}).Tokenize(in) {
		span := strings.ReplaceAll(string(in[tok.Start:tok.End]), "'", "")
		if span != string(tok.Term) {
			t.Errorf("token %q has span %q", tok.Term, span)
		}
	}
}

func TestTokenizerCutsVeryLongWords(t *testing.T) {
	toks := (Tokenizer{}).Tokenize([]byte(strings.Repeat("а", 1000)))
	if len(toks) != 1 || len([]rune(string(toks[0].Term))) != MaxTokenRunes || toks[0].End != 2000 {
		t.Errorf("got %d tokens, first %d runes", len(toks), len([]rune(string(toks[0].Term))))
	}
}

func TestTransliterateLatinToUkrainian(t *testing.T) {
	tests := []struct{ in, want string }{
		{"zakordonnyi", "закордонний"},
		{"pasport", "паспорт"},
		{"dovidka", "довідка"},
		{"subsydiia", "субсидія"},
		{"reiestratsiia", "реєстрація"},
		{"shchodenny", "щоденни"},
		{"zhytlo", "житло"},
		{"khvp", "хвп"},
		{"yizhak", "їжак"},
		{"cnap", "цнап"},
		{"pryiom", "прийом"}, // й between vowels
		{"raion", "район"},
		{"radio", "радіо"},
		{"пacпopт", "паспорт"}, // Latin look-alikes in a Cyrillic word
		{"паспорт", "паспорт"},
		{"covid19", "цовід19"},
	}
	for _, tt := range tests {
		if got := Transliterate(tt.in); got != tt.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDerussifyReplacesRussianLetters(t *testing.T) {
	if got := Derussify("подъезд ёлка мыло этаж"); got != "подезд елка мило етаж" {
		t.Errorf("got %q", got)
	}
}
