package analysis

import (
	"errors"
	"strings"
	"testing"
)

func TestDictionaryParseReadsGroupsAndMappings(t *testing.T) {
	d := &Dictionary{}
	src := "# comment\n\nгвп, гаряча вода  # inline comment\nсправка, справку => довідка\n"
	if err := d.Parse(strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	rules := d.Rules()
	if len(rules) != 2 || rules[0].Line != 3 || rules[0].To != "" || rules[1].To != "довідка" || len(rules[1].Phrases) != 2 {
		t.Fatalf("rules %+v", rules)
	}
	again := &Dictionary{}
	if err := again.Parse(strings.NewReader(d.String())); err != nil || again.String() != d.String() {
		t.Errorf("String does not round-trip: %v\n%s", err, again.String())
	}
}

func TestDictionaryParseRejectsBadLinesNamingThem(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"lonely phrase", "гвп\n", "line 1: a group needs"},
		{"empty phrase", "ok, fine\nгвп, , вода\n", "line 2: empty phrase"},
		{"empty target", "справка =>\n", "line 1: nothing after =>"},
		{"two arrows", "a => b => c\n", "line 1: more than one =>"},
		{"punctuation only", "гвп, !!!\n", "line 1: empty phrase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dictionary{}
			err := d.Parse(strings.NewReader(tt.src))
			var pe *ParseError
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &pe) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if len(d.Rules()) != 0 {
				t.Errorf("%d rules added despite the error", len(d.Rules()))
			}
		})
	}
}

func TestDefaultDictionaryCompiles(t *testing.T) {
	d := DefaultDictionary()
	if len(d.Rules()) < 100 {
		t.Errorf("only %d default rules", len(d.Rules()))
	}
	if _, err := New(d); err != nil {
		t.Fatal(err)
	}
}

func TestNewRejectsPhraseOfStopWordsOnly(t *testing.T) {
	d := &Dictionary{}
	d.Add(Rule{Line: 7, Phrases: []string{"і", "та"}})
	if _, err := New(d); err == nil || !strings.Contains(err.Error(), "line 7") {
		t.Errorf("err = %v", err)
	}
}

func TestPhraseLeftWithOneWordAfterStopWordsIsNotASynonym(t *testing.T) {
	a := mustAnalyzer(t, "строк, термін, за скільки, скільки днів")
	if got := terms(t, a, "скільки коштує"); strings.Contains(got, "строк") {
		t.Errorf("«скільки» alone became a synonym of «строк»: %s", got)
	}
	if got := terms(t, a, "скільки днів чекати"); !strings.Contains(got, "строк") {
		t.Errorf("a phrase of two content words lost its group: %s", got)
	}
}

func TestMeterReadingsGroupLeavesToShowAlone(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// показання and показати share the stem показ: the group of meter
	// readings names показання only together with what is read or done
	for _, q := range []string{"показати документ", "покажіть, де це", "показати паспорт"} {
		if got := terms(t, a, q); strings.Contains(got, "+показник_лічильник") {
			t.Errorf("%q reads as %q: a meter reading", q, got)
		}
	}
	for _, q := range []string{"передати показання", "показання лічильника", "показання газу"} {
		if got := terms(t, a, q); !strings.Contains(got, "показник_лічильник") {
			t.Errorf("%q reads as %q: no meter reading", q, got)
		}
	}
}
