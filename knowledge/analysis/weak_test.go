package analysis

import "testing"

func TestWeakAndQuestionWordsAreRecognisedInAnyForm(t *testing.T) {
	a, err := New(&Dictionary{})
	if err != nil {
		t.Fatal(err)
	}
	stem := func(w string) string { return string(a.Words(w)[0].Term) }
	for _, w := range []string{"завтра", "суботу", "серпня", "тижня", "величезна"} {
		if !IsWeak(stem(w)) {
			t.Errorf("%q is not weak", w)
		}
	}
	for _, w := range []string{"як", "коли", "скільки", "можна", "потрібно"} {
		if !IsQuestionWord(stem(w)) {
			t.Errorf("%q is not a question word", w)
		}
	}
	for _, w := range []string{"якось", "десь", "колись", "щось", "ніде", "ніколи", "якийсь"} {
		if !IsQuestionWord(stem(w)) {
			t.Errorf("indefinite %q is not a question word", w)
		}
	}
	for _, w := range []string{"паспорт", "субсидія", "ліфт"} {
		if IsWeak(stem(w)) || IsQuestionWord(stem(w)) {
			t.Errorf("%q is weak or a question word", w)
		}
	}
	if !IsStop("підкажіть") || IsStop("як") || !IsStop("это") {
		t.Error("IsStop")
	}
}
