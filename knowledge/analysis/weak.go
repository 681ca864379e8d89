package analysis

import "strings"

// WeakWords are words that seldom say what a question is about, by their
// grammatical and semantic class rather than by any knowledge base: when
// (days, parts of the day, weekdays, months, units of time) and how much or
// how big (degree and size words). They are indexed and searched like any
// word, but a search counts them for less when it judges how much of a query
// an article covers. The list is closed: it must not grow with the words of
// any evaluation set.
const WeakWords = `
сьогодні завтра вчора позавчора післязавтра зараз тепер вже ще скоро давно недавно нещодавно
заздалегідь наперед
вранці ввечері вночі вдень ранок ранку вечір вечора ніч ночі день дня днів тиждень тижня тижні
місяць місяця місяці рік року років година години годину годин хвилина хвилини хвилин
понеділок вівторок середа середу четвер пʼятниця пʼятницю субота суботу неділя неділю
січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня
великий велика величезний величезна маленький маленька дуже трохи ледь зовсім майже
`

// QuestionWords are the words that ask rather than name a topic. The stop
// list keeps them, because they tell answers apart (як оформити, скільки
// коштує, де знаходиться), but a query of nothing else has no topic.
const QuestionWords = `
як де коли скільки чи можна не що хто який яка яке які якій якого куди чому навіщо звідки
котрий котра котре котрі чий чия чиє чиї треба потрібно потрібен потрібна необхідно
`

var (
	weakStems     = stemSet(WeakWords)
	questionStems = stemSet(QuestionWords + indefinite(QuestionWords))
)

// indefinite returns the indefinite and negative pronouns and adverbs that
// Ukrainian derives from question words (як → якось, де → десь, ніде, коли →
// колись, ніколи, що → щось, будь-що): they ask or name nothing either.
// After a consonant other than й the particle -сь takes the vowel о (якось).
func indefinite(words string) string {
	var b strings.Builder
	for _, w := range strings.Fields(words) {
		if len([]rune(w)) < 2 || w == "не" || w == "можна" {
			continue
		}
		particle := "сь"
		if r := []rune(w); !strings.ContainsRune("аеєиіїоуюяй", r[len(r)-1]) {
			particle = "ось"
		}
		for _, d := range []string{w + particle, w + "небудь", "ні" + w, "будь" + w} {
			b.WriteString(d + " ")
		}
	}
	return b.String()
}

// stemSet returns the stems of the words.
func stemSet(words string) map[string]bool {
	set := map[string]bool{}
	a := &Analyzer{}
	for _, w := range strings.Fields(words) {
		for _, t := range a.Words(w) {
			set[string(t.Term)] = true
		}
	}
	return set
}

// IsQuestionWord reports whether a stem is one of QuestionWords.
func IsQuestionWord(stem string) bool { return questionStems[stem] }

// IsWeak reports whether a stem (an output term of Words) is a weak word.
func IsWeak(stem string) bool { return weakStems[stem] }
