package main

import (
	"strings"
	"testing"
)

// «скільки чекати паспорт?» asks how long the service takes: it is
// answered with the term from the service cards, not with the live queue;
// «скільки людей у черзі?» and «довго чекати в черзі?» stay on the queue.
func TestHowLongToWaitForAServiceIsItsTermNotTheQueue(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	for _, tt := range []struct {
		text string
		want []string
		not  []string
	}{
		{"скільки чекати паспорт?", []string{"Паспорт (ID-картка)", "20 робочих днів (терміново — 10)", "Закордонний паспорт"}, []string{"у черзі"}},
		{"Добрий день, а скільки чекати закордонний паспорт? Дякую", []string{"Закордонний паспорт", "20 робочих днів (терміново — 7)"}, []string{"у черзі", "ID-картка"}},
		{"сколько ждать загранпаспорт", []string{"Закордонний паспорт", "20 робочих днів"}, []string{"у черзі"}},
		{"how long does it take to get a passport?", []string{"Passport for travel abroad", "20 working days"}, []string{"queue"}},
		{"паспорт скільки чекати?", []string{"Закордонний паспорт", "20 робочих днів"}, []string{"у черзі"}},
		// a service the city has no card for is not answered with another one's
		{"скільки чекати довідку про несудимість?", nil, []string{"Довідка ВПО", "у день звернення"}},
		{"скільки людей у черзі?", []string{"Черга в ЦНАП"}, []string{"робочих днів"}},
		{"довго чекати в черзі?", []string{"черз"}, []string{"робочих днів"}},
	} {
		got := ask(t, m.Handler, "r-"+tt.text, tt.text)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: no %q in\n%s", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("%q: %q in\n%s", tt.text, n, got)
			}
		}
	}
}
