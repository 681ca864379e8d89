package cases_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases"
)

func TestMaskPersonalDataHidesPhonesEmailsAndApartments(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"PhoneAndApartmentFromTheIssue", "тел. 0671112233, кв. 12", "тел. ***, кв. ***"},
		{"InternationalPhone", "дзвоніть +380671112233 увечері", "дзвоніть *** увечері"},
		{"InternationalPhoneSpaced", "+380 67 111 22 33", "***"},
		{"InternationalPhoneWithParentheses", "+38 (067) 111-22-33.", "***."},
		{"PhoneWithoutPlus", "380671112233", "***"},
		{"ForeignPhone", "мій номер +48 601 234 567", "мій номер ***"},
		{"ForeignPhoneWith00", "мій номер 0048 601 234 567", "мій номер ***"},
		{"ForeignPhoneWith00Dashed", "0049-151-2345-6789, ввечері", "***, ввечері"},
		{"PhoneWith80", "80671112233", "***"},
		{"LocalMobileSpaced", "067 111 22 33", "***"},
		{"LocalMobileDashed", "067-111-22-33", "***"},
		{"LocalMobileParentheses", "(067) 111-22-33", "***"},
		{"CityNumberInGroups", "ЖЕК: 111-22-33", "ЖЕК: ***"},
		{"SixDigitCityNumber", "диспетчер 23 45 67", "диспетчер ***"},
		{"PhoneAfterHouseNumber", "будинок 12 0671112233", "будинок 12 ***"},
		{"TwoPhones", "0671112233 або 0501234567", "*** або ***"},
		{"Email", "пишіть на taras.shevchuk+1@example.org!", "пишіть на ***!"},
		{"CyrillicEmail", "пошта: тарас@приклад.укр", "пошта: ***"},
		{"ApartmentShort", "кв. 12", "кв. ***"},
		{"ApartmentNoSpace", "кв.12", "кв.***"},
		{"ApartmentWord", "квартира 5", "квартира ***"},
		{"ApartmentInflected", "у квартирі №7 тече", "у квартирі №*** тече"},
		{"ApartmentWithLetter", "Кв. 12а, під’їзд 3", "Кв. ***, під’їзд 3"},
		{"ApartmentCapitalised", "КВАРТИРА 44", "КВАРТИРА ***"},
		{"ApartmentEnglish", "apt. 4, flat 5", "apt. ***, flat ***"},
		{"DateStays", "з 25.12.2025 о 9:00 немає води", "з 25.12.2025 о 9:00 немає води"},
		{"AppealNumberStays", "повторно, див. 2026-000123", "повторно, див. 2026-000123"},
		{"HouseNumberStays", "вул. Городоцька, 100, під’їзд 3", "вул. Городоцька, 100, під’їзд 3"},
		{"QuarterStays", "квартал 5", "квартал 5"},
		{"ShortNumbersStay", "3 дні, 15 хв, 1580", "3 дні, 15 хв, 1580"},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cases.MaskPersonalData(tt.in); got != tt.want {
				t.Errorf("MaskPersonalData(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPublicAddressDropsTheApartment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"вул. Городоцька, 100, кв. 12", "вул. Городоцька, 100"},
		{"вул. Городоцька, 100 кв.12", "вул. Городоцька, 100"},
		{"вул. Наукова, 7, квартира 5, під’їзд 3", "вул. Наукова, 7, під’їзд 3"},
		{"просп. Свободи, 1; тел. 0671112233", "просп. Свободи, 1; тел. ***"},
		{"вул. Квітнева, 7", "вул. Квітнева, 7"},
	}
	for _, tt := range tests {
		if got := cases.PublicAddress(tt.in); got != tt.want {
			t.Errorf("PublicAddress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzMaskPersonalData checks that masking never leaves a ten-digit mobile
// number it was given behind, and never panics.
func FuzzMaskPersonalData(f *testing.F) {
	f.Add("тел. 0671112233, кв. 12")
	f.Add("+38 (067) 111-22-33 taras@example.org")
	f.Fuzz(func(t *testing.T, s string) {
		_ = cases.PublicAddress(s)
		got := cases.MaskPersonalData("тел. 0671112233 " + s)
		if len(got) >= len("тел. 0671112233") && got[:len("тел. 0671112233")] == "тел. 0671112233" {
			t.Fatalf("phone left in %q", got)
		}
	})
}
