package knowledge

import (
	"strings"
	"unicode"

	"github.com/vikno-city/vikno/knowledge/analysis"
)

// A message as residents write it is often several sentences: a greeting,
// an apology, a story (my son moved last week, we live in Sykhiv), the
// question, thanks. The story's words help find the article (it says what
// happened), but a story word the answer does not hold is no evidence
// against it: it was not asked. So when a message of several sentences has
// some that ask and some that do not, the words of those that do not ask
// count for an article that holds them and are left out where it does not.

// askWords mark a sentence that asks: interrogatives and the imperatives and
// phrases residents ask with (Ukrainian, Russian, English; a closed class of
// any language's grammar, not words of any knowledge base). Що and что are
// not among them: they are conjunctions as often (вибачте, що турбую).
var askWords = wordSet(`
	як де коли скільки чи куди чому навіщо звідки який яка яке які якою якого якої яку кому кого хто можна
	підкажіть підкажи скажіть скажи допоможіть допоможи поясніть поясни порадьте порадь підкажете скажете
	цікавить хочу хотіла хотів хотілося
	как где когда сколько куда почему зачем откуда какой какая какое какие кто можно
	подскажите подскажи скажите объясните помогите посоветуйте интересует хотел хотела
	how what where when which who why whom can could would please tell`)

// span is a byte range of a text.
type span struct{ start, end int }

// askingSentences splits the normalised text into sentences (at . ! ? … and
// line breaks) and returns the spans of those that ask: with a question mark
// or an ask word. It returns nil unless some sentences with words ask and
// others do not.
func askingSentences(text string) []span {
	var asking []span
	plain := 0
	start := 0
	for i, r := range text + "\n" {
		if !strings.ContainsRune(".!?…\n", r) {
			continue
		}
		s := span{start, i + len(string(r))}
		start = s.end
		switch words := sentenceWords(text[s.start:min(s.end, len(text))]); {
		case len(words) == 0:
		case r == '?' || anyAsk(words):
			asking = append(asking, s)
		default:
			plain++
		}
	}
	if plain == 0 {
		return nil
	}
	return asking
}

func sentenceWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != analysis.Apostrophe
	})
}

func anyAsk(words []string) bool {
	for _, w := range words {
		if askWords[w] {
			return true
		}
	}
	return false
}

// sentenceText is q normalised as the analyzer's token offsets refer to it,
// with its line breaks kept: Normalize turns a line break into a space of the
// same length, so the offsets stay those of the whole normalised text.
func sentenceText(an textAnalyzer, q string) string {
	lines := strings.Split(q, "\n")
	for i, l := range lines {
		lines[i] = an.normalize(l)
	}
	return strings.Join(lines, "\n")
}

// conjunctions are the question words that as often join a clause (вибачте,
// що турбую; кажуть, що треба): in a sentence that does not ask they ask
// nothing.
var conjunctions = termSet{"що": {}, "что": {}}

// withoutConjunctions drops from units the conjunctions outside the asking
// sentences (none when asking is empty: the message is judged whole).
func withoutConjunctions(units []unit, asking []span) []unit {
	if len(asking) == 0 {
		return units
	}
	out := units[:0:0]
	for _, u := range units {
		if !conjunctions.has(u.term) || inSpans(asking, u.start, u.end) {
			out = append(out, u)
		}
	}
	return out
}

// inSpans reports whether the byte range [start, end) lies in one of spans.
func inSpans(spans []span, start, end int) bool {
	for _, s := range spans {
		if start >= s.start && end <= s.end {
			return true
		}
	}
	return false
}

// focusOnQuestion returns the ways to read a message of several sentences
// with its question in focus: marked, ranked as the whole message, and weak,
// ranked anew, or nil; none unless the message has
// sentences that ask and others that do not, the asking ones hold a content
// word the knowledge base knows and the others a content word (else there is
// nothing to tell apart). In each, the units outside the asking sentences
// are context: evidence for an article that holds them, none against one that
// does not (see evidenceOf).
//
// First the story ranks in full: a question that says little of its own (що
// робити і куди звертатися?) is about the story before it, and the story's
// words the knowledge base does not know are then unknown words of the
// message, not context. Then, when the
// asking sentences name their topic themselves, their words picking out about
// one article (answerSpecificity), the story ranks as weak words do
// (weakWeight): it seldom says what is asked.
func (li *localeIndex) focusOnQuestion(units []unit, asking []span, t tuning) (marked, weak []unit) {
	if len(asking) == 0 {
		return nil, nil
	}
	marked = make([]unit, len(units))
	var asked float64
	story := false
	for i, u := range units {
		u.context = !inSpans(asking, u.start, u.end)
		if li.isContent(u) {
			if u.context {
				story = true
			} else {
				asked += li.unitWeight(u)
			}
		}
		marked[i] = u
	}
	if asked == 0 || !story {
		return nil, nil
	}
	if asked < answerSpecificity*idfOf(len(li.stats.docs), 1) {
		// the question says little of its own, so the story is what the
		// message is about: its words the knowledge base does not know may
		// be its topic (іржава вода з крана, куди дзвонити?) and count as
		// unknown, as in the whole message; only its known words that the
		// first hit lacks are left out
		for i := range marked {
			if marked[i].context && li.unitWeight(marked[i]) == 0 {
				marked[i].context = false
			}
		}
		return marked, nil
	}
	weak = make([]unit, len(marked))
	for i, u := range marked {
		if u.context {
			u.alts = weakened(u.alts, t.weakWeight)
		}
		weak[i] = u
	}
	return marked, weak
}

// weakened returns a copy of alts with their weights in ranking times w.
func weakened(alts []alt, w float64) []alt {
	out := append([]alt(nil), alts...)
	for i := range out {
		out[i].weight *= w
	}
	return out
}
