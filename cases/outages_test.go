package cases_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases"
)

func TestStreetsCompareNamesAsResidentsWriteThem(t *testing.T) {
	st := cases.Streets{Types: map[string]bool{"вул": true, "вулиці": true, "просп": true}}
	tests := []struct {
		a, b string
		same bool
	}{
		{"вул. Зелена", "Зеленій", true},
		{"вул. Тараса Шевченка", "шевченка", true},
		{"вул. Стрийська", "на вулиці Стрийській", true},
		{"просп. Червоної Калини", "Червоної Калини", true},
		{"вул. Шевченка", "Шевченківська", false},
		{"вул. Зелена", "Стрийська", false},
		{"вул. Зелена", "вул.", false},
		{"Личаківська", "Лисенка", false},
	}
	for _, tt := range tests {
		if got := st.Same(tt.a, tt.b); got != tt.same {
			t.Errorf("Same(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestOutageMatchesDistrictAndStreetSubscriptions(t *testing.T) {
	st := cases.Streets{Types: map[string]bool{"вул": true}}
	district := cases.Outage{Districts: []string{"sykhivskyi"}}
	street := cases.Outage{Streets: []string{"вул. Зелена"}}
	whole := cases.Subscription{District: "sykhivskyi"}
	one := cases.Subscription{District: "sykhivskyi", Street: "Зелена"}
	elsewhere := cases.Subscription{District: "halytskyi"}
	tests := []struct {
		name string
		o    cases.Outage
		s    cases.Subscription
		want bool
	}{
		{"DistrictNoticeReachesTheDistrict", district, whole, true},
		{"DistrictNoticeReachesItsStreets", district, one, true},
		{"DistrictNoticeSkipsOtherDistricts", district, elsewhere, false},
		{"StreetNoticeReachesTheStreet", street, one, true},
		{"StreetNoticeSkipsWholeDistricts", street, whole, false},
	}
	for _, tt := range tests {
		if got := st.Matches(tt.o, tt.s); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}
