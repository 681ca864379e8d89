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
