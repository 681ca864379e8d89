package knowledge

import (
	"reflect"
	"testing"
)

func TestRelatedFormsMeetAcrossStemsAndKeyboards(t *testing.T) {
	li := &localeIndex{stats: newTermStats()}
	for _, term := range []string{"вакцинац", "будівництв", "інвалідност", "реєстр", "вак"} {
		li.stats.df[term] = 1
	}
	for term, want := range map[string][]string{
		"вакцин":     {"вакцинац"},    // вакцина / вакцинація
		"будивництв": {"будівництв"},  // и for і on a Russian keyboard
		"інвалідн":   {"інвалідност"}, // інвалідний / інвалідність
		"вак":        nil,             // too short to be a root
		"реєстрац":   {"реєстр"},
	} {
		if got := li.relatedForms(term); !reflect.DeepEqual(got, want) {
			t.Errorf("relatedForms(%q) = %q, want %q", term, got, want)
		}
	}
}
