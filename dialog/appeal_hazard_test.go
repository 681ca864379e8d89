package dialog_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// The problems the demo articles send residents to file an appeal about —
// an open manhole, a dead animal — are topics of their own, offered first
// and routed to the services that deal with them.
func TestAppealTopicsForAnOpenManholeAndADeadAnimal(t *testing.T) {
	tests := []struct {
		text, category, name, executor string
	}{
		{"відкритий каналізаційний люк", "open-manhole", "Відкритий або відсутній люк", "Диспетчерська служба 1580"},
		{"немає кришки люка на тротуарі", "open-manhole", "Відкритий або відсутній люк", "Диспетчерська служба 1580"},
		{"мертва собака", "dead-animal", "Прибрати мертву тварину", "Центр опіки тварин"},
		{"на дорозі збили кота", "dead-animal", "Прибрати мертву тварину", "Центр опіки тварин"},
		{"труп тварини біля школи", "dead-animal", "Прибрати мертву тварину", "Центр опіки тварин"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			w := newAppealWorld(t)
			replies := dialogtest.Converse(t, w.engine,
				step{Action: "menu:appeal"},
				step{Text: tt.text, Buttons: []string{tt.name}},
			)
			if first := dialogtest.Buttons(replies)[0]; !strings.HasPrefix(first.Action, "appeal:c:"+tt.category+"~") {
				t.Fatalf("first guess %+v, want %s", first, tt.category)
			}
			cat, _, ok := w.svc.City.Category(tt.category)
			if !ok {
				t.Fatalf("no category %s", tt.category)
			}
			if ex, ok := w.svc.City.Executor(cat.Executor); !ok || !strings.Contains(ex.Name, tt.executor) {
				t.Errorf("%s goes to %+v, want %s", tt.category, ex, tt.executor)
			}
		})
	}
	// A stray dog and a blocked sewer keep their topics.
	w := newAppealWorld(t)
	for text, category := range map[string]string{"бродячі собаки у дворі": "stray-animals", "забило каналізацію в будинку": "sewage-blockage"} {
		replies := dialogtest.Converse(t, w.engine, step{Action: "menu:appeal"}, step{Text: text})
		if b := dialogtest.Buttons(replies); len(b) == 0 || !strings.HasPrefix(b[0].Action, "appeal:c:"+category+"~") {
			t.Errorf("%q: first guess %+v, want %s", text, b, category)
		}
	}
}
