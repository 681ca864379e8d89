package dialog_test

import (
	"testing"

	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// «що з моїм зверненням?», «шо там з моєю заявкою» ask for the resident's
// own appeals: the list opens (the number is not needed for an appeal
// filed from this chat), not the knowledge base's articles.
func TestMyAppealAskedAboutInWordsOpensMyAppeals(t *testing.T) {
	w := newAppealWorld(t)
	kb := withFAQ(w.engine)
	number, _ := fileOne(t, w)
	for _, text := range []string{"що з моїм зверненням?", "Добрий день, шо там з моєю заявкою?", "підкажіть статус мого звернення"} {
		dialogtest.Converse(t, w.engine,
			step{Text: "меню"},
			step{Text: text, Want: []string{"Ваші звернення", number}},
		)
	}
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
}
