package cases

import "testing"

func TestFindAppealNumber(t *testing.T) {
	tests := []struct {
		text, number, pin string
		ok                bool
	}{
		{"№2026-000001 пин 380921", "2026-000001", "380921", true},
		{"що з зверненням № 2026/17?", "2026-000017", "", true},
		{"2026-000123 4821", "2026-000123", "4821", true},
		{"#2026-5, PIN: 1234.", "2026-000005", "1234", true},
		{"прийду 2026-12-05", "", "", false},
		{"справа ЦН-2026-01234", "", "", false},
		{"2026-1 і 2026-2", "", "", false},
		{"1999-000001", "", "", false},
		{"як оформити паспорт", "", "", false},
	}
	for _, tt := range tests {
		n, rest, ok := FindAppealNumber(tt.text)
		pin, _ := FindPIN(rest)
		if ok != tt.ok || n != tt.number || pin != tt.pin {
			t.Errorf("FindAppealNumber(%q) = %q (PIN %q), %v; want %q (PIN %q), %v", tt.text, n, pin, ok, tt.number, tt.pin, tt.ok)
		}
	}
}

func FuzzFindAppealNumber(f *testing.F) {
	f.Add("№2026-000001 пин 380921")
	f.Fuzz(func(t *testing.T, s string) {
		n, _, ok := FindAppealNumber(s)
		if _, valid := ParseAppealNumber(n); ok != valid {
			t.Fatalf("FindAppealNumber(%q) = %q, %v", s, n, ok)
		}
	})
}

func TestFindAnyAppealNumberReadsNumbersWithoutTheDash(t *testing.T) {
	tests := []struct {
		text, number, pin string
		ok                bool
	}{
		{"номер звернення 2026000001, пін 117265", "2026-000001", "117265", true},
		{"номер звернення 2026000001, пін 117 265", "2026-000001", "117265", true},
		{"№2026 000017 пін 11-72-65", "2026-000017", "117265", true},
		{"2026-000123 4821", "2026-000123", "4821", true},
		{"ІПН 20260000011", "", "", false},
		{"телефон 0501234567", "", "", false},
		{"1999000001", "", "", false},
		{"2026000001 і 2026-000002", "", "", false},
	}
	for _, tt := range tests {
		n, rest, ok := FindAnyAppealNumber(tt.text)
		pin, _ := FindPIN(rest)
		if ok != tt.ok || n != tt.number || pin != tt.pin {
			t.Errorf("FindAnyAppealNumber(%q) = %q (PIN %q), %v; want %q (PIN %q), %v", tt.text, n, pin, ok, tt.number, tt.pin, tt.ok)
		}
	}
	if n, ok := ParseAppealNumber(" 2026000123"); n != "2026-000123" || !ok {
		t.Errorf("ParseAppealNumber(2026000123) = %q, %v", n, ok)
	}
	if _, _, ok := FindAppealNumber("номер звернення 2026000001"); ok {
		t.Error("FindAppealNumber read ten digits without a dash")
	}
}

func TestFindPINJoinsGroupsOfDigits(t *testing.T) {
	tests := []struct {
		text, pin string
		ok        bool
	}{
		{"117 265", "117265", true},
		{"117-265", "117265", true},
		{"пін: 11 72 65.", "117265", true},
		{"4821", "4821", true},
		{"пін 4821 2 рази вводила", "4821", true},
		{"1234 5678", "", false},
		{"117 265, 4821", "", false},
		{"12", "", false},
	}
	for _, tt := range tests {
		if pin, ok := FindPIN(tt.text); pin != tt.pin || ok != tt.ok {
			t.Errorf("FindPIN(%q) = %q, %v; want %q, %v", tt.text, pin, ok, tt.pin, tt.ok)
		}
	}
}

func FuzzFindAnyAppealNumber(f *testing.F) {
	f.Add("номер звернення 2026000001, пін 117 265")
	f.Fuzz(func(t *testing.T, s string) {
		n, _, ok := FindAnyAppealNumber(s)
		if _, valid := ParseAppealNumber(n); ok != valid {
			t.Fatalf("FindAnyAppealNumber(%q) = %q, %v", s, n, ok)
		}
	})
}
