package cases

import (
	"testing"

	"github.com/vikno-city/vikno"
)

func TestDistrictOfKnowsTheShortFormsResidentsUse(t *testing.T) {
	city := vikno.City{Districts: []vikno.District{
		{ID: "sykhivskyi", Name: "Сихівський район", NameEN: "Sykhivskyi district"},
		{ID: "halytskyi", Name: "Галицький район", NameEN: "Halytskyi district"},
		{ID: "lychakivskyi", Name: "Личаківський район", NameEN: "Lychakivskyi district"},
		{ID: "zaliznychnyi", Name: "Залізничний район", NameEN: "Zaliznychnyi district"},
	}}
	tests := []struct {
		word, want string
	}{
		{"Сихові,", "sykhivskyi"},
		{"Сихів", "sykhivskyi"},
		{"сихівському", "sykhivskyi"},
		{"Sykhiv", "sykhivskyi"},
		{"Личакові", "lychakivskyi"},
		{"Галицькому", "halytskyi"},
		{"залізничному", "zaliznychnyi"},
		{"Зеленій", ""},
		{"сих", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := DistrictOf(city, tt.word)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("DistrictOf(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
}
