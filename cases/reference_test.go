package cases

import (
	"strings"
	"testing"
)

func TestReferenceIn(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"ЦН-2026-01234", "ЦН-2026-01234", true},
		{"цн-2026-01234", "ЦН-2026-01234", true},
		{"№ 2026/0177", "2026/0177", true},
		{"ЦН 2026 01234", "ЦН202601234", true},
		{"моя справа ЦН-2026-01234, дякую", "ЦН-2026-01234", true},
		{"Номер справи: «A-77/12».", "A-77/12", true},
		{"привіт", "", false},
		{"ПРИВІТ", "", false},
		{"коли будуть готові документи?", "", false},
		{"справи 2026-01 і 2026-02", "", false},
		{"на 3 дні", "", false},
		{"12", "", false},
		{"ЦН-" + strings.Repeat("1", MaxReferenceLen), "", false},
	}
	for _, tt := range tests {
		got, ok := ReferenceIn(tt.text)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ReferenceIn(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzReferenceIn(f *testing.F) {
	for _, s := range []string{"ЦН-2026-01234", "моя справа 12/34", "ЦН 2026 1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, ok := ReferenceIn(s)
		if !ok {
			return
		}
		if again, err := NormalizeReference(ref); err != nil || again != ref {
			t.Fatalf("ReferenceIn(%q) = %q, which does not normalise to itself", s, ref)
		}
	})
}
