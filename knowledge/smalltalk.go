package knowledge

import (
	"strings"
	"unicode"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// SmallTalk is what a message that asks nothing says: a greeting, thanks, a
// farewell or whether the bot is a person. The dialog answers it with a short
// human reply and the menu rather than «не знайшов».
type SmallTalk int

// Kinds of small talk; a message of several kinds is classed by the last
// of them in this order («дякую, бувайте» is a farewell).
const (
	NotSmallTalk SmallTalk = iota
	Greeting
	Thanks
	Farewell
	AboutBot
)

var smallTalkNames = [...]string{NotSmallTalk: "", Greeting: "greeting", Thanks: "thanks", Farewell: "farewell", AboutBot: "about_bot"}

// String returns "", greeting, thanks, farewell or about_bot.
func (s SmallTalk) String() string {
	if s < 0 || int(s) >= len(smallTalkNames) {
		return ""
	}
	return smallTalkNames[s]
}

// MarshalText implements encoding.TextMarshaler.
func (s SmallTalk) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// smallTalkWords are the words that mark each kind (Ukrainian, Russian,
// English, Latin transliteration); smallTalkFillers may stand around them
// («ви бот чи людина?», «дуже дякую вам»). A message is small talk only when
// every word is one of these: any other word may be a question.
var (
	smallTalkWords = map[SmallTalk]string{
		Greeting: `привіт привітик вітаю вітання здрастуйте здрастуй добрий доброго добридень день ранку вечора вечір
			здравствуйте привет добрый доброе утро вечер hi hello hey morning afternoon evening pryvit vitaiu`,
		Thanks: `дякую дякуємо дяка спасибі спасибо благодарю thanks thank thx dyakuyu diakuiu
			зрозуміло зрозумів зрозуміла ясно добре окей ок понятно хорошо ok okay`,
		Farewell: `побачення бувай бувайте па свидания пока bye goodbye бай доброї ночі`,
		AboutBot: `бот робот людина людиною живий жива человек живой bot robot human person`,
	}
	smallTalkFillers = `ти ви чи це з зі я хто а і й та ну ще раз вам тобі тебе вас до всього всім на
		дуже велике щиро большое ты вы это с мне you are a is it i am the so very much and all good to see
		вибачте вибачаюсь перепрошую пробачте що турбую турбуємо вас за допомогу відповідь
		извините простите беспокою помощь sorry for bothering help answer`
	smallTalkKind = buildSmallTalk()
)

func buildSmallTalk() map[string]SmallTalk {
	kinds := map[string]SmallTalk{}
	for _, w := range strings.Fields(smallTalkFillers) {
		kinds[w] = NotSmallTalk
	}
	for kind, words := range smallTalkWords {
		for _, w := range strings.Fields(words) {
			kinds[analysis.Normalize(w)] = kind
		}
	}
	return kinds
}

// SmallTalkOf classes a message as small talk, or returns NotSmallTalk when
// it has any word that is neither a small-talk word nor a filler, or no
// small-talk word at all.
func SmallTalkOf(message string) SmallTalk {
	words := strings.FieldsFunc(analysis.Normalize(clip(message)), func(r rune) bool {
		return !unicode.IsLetter(r) && r != analysis.Apostrophe
	})
	kind := NotSmallTalk
	for _, w := range words {
		k, ok := smallTalkKind[w]
		if !ok {
			return NotSmallTalk
		}
		kind = max(kind, k)
	}
	return kind
}
