package cases_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases"
)

func TestPhoneReadsUkrainianAndForeignNumbers(t *testing.T) {
	tests := map[string]string{
		// Ukrainian numbers in every usual form become +380XXXXXXXXX.
		"+380671234567":       "+380671234567",
		"380671234567":        "+380671234567",
		"067 123-45-67":       "+380671234567",
		"+38 (067) 123 45 67": "+380671234567",
		"80671234567":         "+380671234567",
		"0671234567":          "+380671234567",
		"00380671234567":      "+380671234567",
		// Foreign numbers keep their country code.
		"+48 601 234 567":    "+48601234567",
		"0048 601 234 567":   "+48601234567",
		"00 48 601-234-567":  "+48601234567",
		"+49 151 2345 6789":  "+4915123456789",
		"48601234567":        "+48601234567", // a shared contact, no "+"
		"+1 (212) 555-01-23": "+12125550123",
		"+354 123 4567":      "+3541234567",
		// Not a phone.
		"+380 67 123 45 6":  "",
		"+3800671234567":    "",
		"+0671234567":       "",
		"0071234567":        "",
		"+48 601":           "",
		"601234567":         "",
		"+1234567890123456": "",
		"12345":             "",
		"067123456a":        "",
		"+":                 "",
		"":                  "",
	}
	for in, want := range tests {
		got, ok := cases.Phone(in)
		if got != want || ok != (want != "") {
			t.Errorf("Phone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
