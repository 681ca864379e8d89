package knowledge

import (
	"strings"
	"unicode"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// SmallTalk is what a message that asks nothing says: a greeting, «як
// справи?», thanks, a farewell or whether the bot is a person. The dialog answers it with a short
// human reply and the menu rather than «не знайшов».
type SmallTalk int

// Kinds of small talk; a message of several kinds is classed by the last
// of them in this order («дякую, бувайте» is a farewell).
const (
	NotSmallTalk SmallTalk = iota
	Greeting
	HowAreYou
	Thanks
	Farewell
	AboutBot
)

var smallTalkNames = [...]string{NotSmallTalk: "", Greeting: "greeting", HowAreYou: "how_are_you", Thanks: "thanks",
	Farewell: "farewell", AboutBot: "about_bot"}

// String returns "", greeting, how_are_you, thanks, farewell or about_bot.
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
			здравствуйте привет добрый доброе утро вечер hi hello hey morning afternoon evening pryvit vitaiu
			ало алло хелоу хеллоу хелло хай салют здоров здорові`,
		Thanks: `дякую дякуємо дяка дякс дякі спс сенкс спасибі спасибо пасиб благодарю thanks thank thx ty dyakuyu diakuiu
			зрозуміло зрозумів зрозуміла ясно добре окей ок понятно хорошо ok okay супер чудово класно круто
			допомогли допомогла допоміг виручили помогли помогла помог выручили helped
			вийшло вдалося получилось worked`,
		Farewell: `побачення бувай бувайте па свидания пока bye goodbye бай доброї ночі`,
		AboutBot: `бот робот людина людиною живий жива человек живой bot robot human person
			вмієш вмієте умієш умієте можеш можете умеешь умеете можешь can do`,
	}
	smallTalkFillers = `ти ви чи це з зі я хто а і й та ну ще раз вам тобі тебе вас до всього всім на мені мене нам нас
		мне меня нас нам очень me us lot
		дуже велике щиро большое ты вы это с мне you are a is it i am the so very much and all good to see
		вибачте вибачаюсь перепрошую пробачте що шо турбую турбуємо вас за допомогу відповідь взагалі что
		извините простите беспокою помощь sorry for bothering help answer what
		все усе всё your ваш вашу вашої твою ` + smallTalkAddress
	// smallTalkAddress are the words a resident calls the bot by, around
	// thanks or a greeting («дякую, синку», «добрий день, пані»): forms of
	// address, fillers like the rest.
	smallTalkAddress = `синку сину синочку доню донечко дитино дитинко сонечко рідненькі дорогі дорогенькі шановні
		шановний шановна пані пане друже люди добрі сынок сыночек доченька дорогие милые dear friend`
	// howAsk and howState together ask «як справи?»: a question word and
	// a word of how one is («як справи», «як ви», «how are you»). Alone
	// each is only a filler.
	howAsk   = `як как how`
	howState = `справи діла дела поживаєте поживаєш поживаете поживаешь ся ви ти вы ты are doing`

	smallTalkKind = buildSmallTalk()
	howAskWords   = wordSet(howAsk)
	howStateWords = wordSet(howState)
)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[analysis.Normalize(w)] = true
	}
	return set
}

func buildSmallTalk() map[string]SmallTalk {
	kinds := map[string]SmallTalk{}
	for _, w := range strings.Fields(smallTalkFillers + " " + howAsk + " " + howState) {
		kinds[analysis.Normalize(w)] = NotSmallTalk
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
//
// A message of emoji alone (👍, 🙏, ❤️) is thanks, 👋 a greeting; an emoji of
// displeasure or a question mark is not small talk.
func SmallTalkOf(message string) SmallTalk {
	message = clip(message)
	if k, ok := emojiOnly(message); ok {
		return k
	}
	words := strings.FieldsFunc(analysis.Normalize(message), func(r rune) bool {
		return !unicode.IsLetter(r) && r != analysis.Apostrophe
	})
	kind := NotSmallTalk
	var ask, state bool
	for _, w := range words {
		k, ok := smallTalkKind[w]
		if !ok {
			return NotSmallTalk
		}
		kind = max(kind, k)
		ask = ask || howAskWords[w]
		state = state || howStateWords[w]
	}
	if ask && state {
		kind = max(kind, HowAreYou)
	}
	return kind
}

// Emoji that do not thank: displeasure, sadness, a question.
const (
	emojiGreeting  = "👋🖐✋"
	emojiNotThanks = "👎😡😠🤬😤😒😞😟🙁☹😢😭😩😫💩🤔❓❔⁉🆘"
)

// emojiOnly classes a message of emoji (and spaces) alone; ok is false
// when it holds a letter or digit or no emoji at all.
func emojiOnly(message string) (SmallTalk, bool) {
	kind, seen := Thanks, false
	for _, r := range message {
		switch {
		case unicode.IsSpace(r) || r == '\u200d' || r == '\ufe0f' || unicode.In(r, unicode.Mn, unicode.Sk):
			// joiners, variation selectors, skin tones
		case strings.ContainsRune(emojiNotThanks, r):
			kind, seen = NotSmallTalk, true
		case strings.ContainsRune(emojiGreeting, r):
			kind, seen = min(kind, Greeting), true
		case unicode.Is(unicode.So, r):
			seen = true
		default:
			return NotSmallTalk, false
		}
	}
	return kind, seen
}
