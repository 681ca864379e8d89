package main

import (
	"strings"
	"testing"
)

// «Де ЦНАП на Сихові?» shows that CNAP's card; after an answer from the
// knowledge base in between («що треба для паспорта?»), «запишіть мене
// туди» books at that CNAP, not at one the resident has to choose again.
func TestCNAPChosenIsRememberedAcrossAnFAQAnswer(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	for _, tt := range []struct{ where, between string }{
		{"Де ЦНАП на Сихові?", "що треба для паспорта?"},
		{"де цнап на сихові", "які документи потрібні для ID-картки?"},
		{"Де знаходиться ЦНАП на Сихові?", "скільки коштує ID-картка?"},
	} {
		user := "r-" + tt.where
		if got := ask(t, m.Handler, user, tt.where); !strings.Contains(got, "просп. Червоної Калини") {
			t.Errorf("%q: no card of the CNAP in Sykhiv:\n%s", tt.where, got)
		}
		if got := ask(t, m.Handler, user, tt.between); strings.Contains(got, "просп. Червоної Калини") || strings.Contains(got, "не знайшов") {
			t.Errorf("%q: not an answer:\n%s", tt.between, got)
		}
		got := ask(t, m.Handler, user, "запишіть мене туди")
		if !strings.Contains(got, "ЦНАП на Сихові") || strings.Contains(got, "Оберіть ЦНАП") {
			t.Errorf("after %q, %q: booking not at the CNAP in Sykhiv:\n%s", tt.where, tt.between, got)
		}
	}
}
