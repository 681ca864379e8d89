package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// StopWords are the words the analyzer drops: conjunctions, prepositions
// (those of place among them: між, серед, навколо; a place is named by the
// word that follows; біля stays, as біля дому means nearby),
// pronouns, forms of "to be" and chat politeness ("підкажіть, будь ласка"),
// Ukrainian and Russian. Question words and negation stay, because they
// separate answers: як, де, коли, скільки, чи, можна, не, що, хто, який,
// куди, чому, навіщо, без, немає.
const StopWords = `
а або але б би бо був була були було бути буде будуть в вже ви від він вона вони воно все всі
для до ж же з за зі із і її їй їм їх й його йому лише мене мені ми мій мої моє моя мого моєї моїй
мною моєму моїм моїх моєю моєї
твій твоя твоє твої твого твоєї твоєму твоїй твоїм твоїх
свого своєї своєму своїй своїм своїх своєю
нашого нашої нашому нашій нашим наших нашою
вашого вашої вашому вашій вашим ваших вашою
їхній їхня їхнє їхні їхнього їхньої
цим цієї цією цих того тієї тому тим тих той
нього ньому нім ній ними сам сама саме самі самого самої самому самій самим самих
весь вся усе усі всього усього всієї всьому всім всіх усіх всіма усіма
кожен кожна кожне кожні кожного кожної кожному кожній кожним кожних
на нам нас наш наша наше наші нею неї ним них ну о об от ось по при про та так також там те
теж ти то тобто ту тут у це цей ці цього цьому цю ця щоб якщо я є вам вас ваш ваша ваше ваші свій
своє свого своїй своєму свою свої своїх себе собі
протягом впродовж упродовж згідно відповідно завдяки щодо стосовно задля
між поміж серед посеред навколо довкола навкруги вздовж уздовж навпроти
такий така такі такого такої такому такій таким таких такою
будь ласка підкажіть підкажи скажіть скажи допоможіть привіт вітаю добрий доброго дякую дуже хочу
хотів хотіла хотілося дякуємо щиро вдячна вдячний вдячні вибачте вибачаюсь перепрошую пробачте турбую
турбуємо цікавить буду будемо здрасьте
и во он она оно они мы мне меня мой моя мое мои моего а но или к ко из ли это этот эта эти есть был
его ее её их ему ей им нее него нему который которая которое которые которого которой которому котором
всех всем каждый каждая каждое каждого
между среди посреди вокруг вдоль напротив
такой такая такое такие такую таком
была было были быть будет еще ещё вот уже тоже также чтобы если свой свою своего себя
пожалуйста подскажите скажите здравствуйте спасибо хотел хотела извините простите беспокою интересует
`

// stopSet holds StopWords as the analyzer sees them before stemming.
func stopSet() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(StopWords) {
		set[Derussify(Normalize(w))] = true
	}
	return set
}

// defaultStop is the set StopFilter uses.
var defaultStop = stopSet()

// StopFilter is the bleve token filter that drops stop words. It runs before
// the stemmer, on whole words, so a stop word never takes a content word with
// it (буде and будувати share a stem).
type StopFilter struct{}

// Filter implements analysis.TokenFilter.
func (StopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, t := range input {
		if !defaultStop[string(t.Term)] {
			out = append(out, t)
		}
	}
	return out
}

// EnglishStopWords are the English function words, pronouns and politeness
// that a Latin-script message carries around its question: "is there a …
// for my …, please". The Ukrainian analyzer marks them (EnglishStopFilter)
// and drops them after the dictionary, so that an English question asked of
// Ukrainian articles (read through the English glossary, english_uk.txt) is
// not taken for a message full of unknown words, while a glossary phrase
// that holds one («fine for parking») still matches. English question and
// quantity words (how, much, where, when, who, which) and words that carry
// meaning (must, again) are not here: the glossary reads them. A
// transliterated Ukrainian word spelt like one of these (do, to, i, a, my,
// by) is a Ukrainian stop word too.
const EnglishStopWords = `
a an the of to for in on at by with from into onto about as and or but if so than then
i me my mine myself we us our ours you your yours he him his she her hers it its they them their
this that these those there here
is are am was were be been being do does did done have has had having
will would shall should can could may might
please hi hello hey dear thanks thank regards sir madam
any some just also very really too still already yet
good sorry excuse kindly wonder wondering know tell ask asking want wanted like get got give make
looking trying able cannot cant dont didnt isnt arent wont okay yes all every each more most only
even because whether both such own thing things something anything nothing everything someone
anyone everyone cheers welcome bye goodbye lot lots now
`

// englishStop is the set EnglishStopFilter uses.
var englishStop = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(EnglishStopWords) {
		set[w] = true
	}
	return set
}()

// EnglishStopType marks a token EnglishStopFilter found to be an English stop
// word. Transliteration and stemming leave such a token as written, the
// dictionary matches it inside a phrase, and Expand drops it.
const EnglishStopType = analysis.Single

// EnglishStopFilter is the bleve token filter that marks English stop words
// written in Latin letters (EnglishStopType). It runs before
// transliteration, which would turn them into Cyrillic nonsense.
type EnglishStopFilter struct{}

// Filter implements analysis.TokenFilter.
func (EnglishStopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if englishStop[string(t.Term)] {
			t.Type = EnglishStopType
		}
	}
	return input
}

// dropEnglishStop removes the tokens EnglishStopFilter marked.
func dropEnglishStop(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, t := range input {
		if t.Type != EnglishStopType {
			out = append(out, t)
		}
	}
	return out
}

// LetterFilter is the bleve token filter that drops single letters (not
// digits) that are not synonym tokens. It runs after the dictionary, so that
// a phrase with a single letter (е-квиток) still matches.
type LetterFilter struct{}

// Filter implements analysis.TokenFilter.
func (LetterFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, t := range input {
		if t.Type == SynonymType || !singleLetter(t.Term) {
			out = append(out, t)
		}
	}
	return out
}

func singleLetter(term []byte) bool {
	r, size := utf8.DecodeRune(term)
	return size == len(term) && unicode.IsLetter(r)
}
