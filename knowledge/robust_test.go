package knowledge

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// politeWrappers wrap a query the way residents write to a city: a greeting
// before, an apology for bothering, thanks after, a sentence of story about
// family and time that names no service, a Russian or surzhyk greeting.
// %s is the query. No wrapper may hold a word that can name a topic of a
// knowledge base (checked by wrapperTopicWords).
var politeWrappers = map[string][]string{
	LocaleUK: {
		"Добрий день! %s",
		"Вибачте, що турбую. %s",
		"%s. Щиро вдячна!",
		"Доброго дня. Підкажіть, будь ласка, %s?",
		"Вітаю! Ми вже тиждень сперечаємося. %s? Дякую",
		"Добрий вечір, вибачте, що турбую. Скажіть, будь ласка, %s? Дуже дякую!",
		"Здрасьте, подскажите пожалуйста, %s",
		"Доброго ранку! Цікавить ось що: %s",
	},
	LocaleEN: {
		"Hello! %s",
		"Hi, sorry to bother you. %s?",
		"%s. Thanks in advance!",
		"Good afternoon. My wife and I argued about it. %s? Thank you!",
	},
}

// storyWrappers are wrappers as residents write them whose story holds
// everyday words a knowledge base may also hold (син, минулого тижня,
// заздалегідь, дізнатися), though they name no service: the question is in
// one sentence, the story in the others.
var storyWrappers = map[string][]string{
	LocaleUK: {
		"Добрий день! Вибачте, що турбую. Мій син минулого тижня переїхав, ми живемо на Сихові. Підкажіть, будь ласка, %s? Дякую заздалегідь",
		"Вітаю. Моя мама вже старенька, тому пишу за неї. Хотіла б дізнатися, %s. Дякую!",
		"Доброго дня! Ми з чоловіком питали в сусідів, ніхто не знає. %s?",
	},
	LocaleEN: {
		"Hello! Sorry to bother you. My son moved here last week and we live in Sykhiv. Could you please tell me, %s? Thanks in advance",
	},
}

// robustness counts what wrapped queries got: the right article as the
// answer, offered among the choices, refused, or something wrong (another
// article answered, or choices without the right one).
type robustness struct{ right, offered, refused, wrong int }

func (r robustness) n() int { return r.right + r.offered + r.refused + r.wrong }

func (r robustness) share(k int) float64 { return float64(k) / float64(max(r.n(), 1)) }

func (r robustness) String() string {
	return fmt.Sprintf("kept_right=%.3f offered=%.3f refused=%.3f wrong=%.3f n=%d",
		r.share(r.right), r.share(r.offered), r.share(r.refused), r.share(r.wrong), r.n())
}

func (r *robustness) add(expected string, res Result) {
	switch res.Verdict {
	case Confident:
		if res.Hits[0].ID == expected {
			r.right++
		} else {
			r.wrong++
		}
	case Ambiguous:
		for _, h := range res.Hits[:min(MaxChoices, len(res.Hits))] {
			if h.ID == expected {
				r.offered++
				return
			}
		}
		r.wrong++
	default:
		r.refused++
	}
}

// TestPoliteWrappingKeepsTheAnswer wraps every query that each knowledge
// base style answers right (Confident, the expected article) in politeness
// and story, and measures how often the wrapped message keeps that answer
// (go test -v -run PoliteWrapping logs the figures). The floors are the
// measured figures less about 0.02; a wrapped query must almost never get a
// wrong answer.
func TestPoliteWrappingKeepsTheAnswer(t *testing.T) {
	for _, tier := range []struct {
		name     string
		wrappers map[string][]string
		clean    bool
		right    float64 // least share kept answered right
		shown    float64 // least share answered right or offered
	}{
		{"politeness", politeWrappers, true, 0.96, 0.98},
		{"story", storyWrappers, false, 0.93, 0.97},
	} {
		t.Run(tier.name, func(t *testing.T) {
			r := measureWrapping(t, tier.wrappers, tier.clean)
			if r.n() == 0 {
				t.Skip("no evaluation sets")
			}
			if r.share(r.right) < tier.right || r.share(r.right+r.offered) < tier.shown || r.share(r.wrong) > 0.01 {
				t.Errorf("below the bar (kept_right ≥ %.2f, kept_right+offered ≥ %.2f, wrong ≤ 0.01): %s", tier.right, tier.shown, r)
			}
		})
	}
}

func measureWrapping(t *testing.T, wrappers map[string][]string, clean bool) robustness {
	var total robustness
	byLocale := map[string]*robustness{LocaleUK: {}, LocaleEN: {}}
	for _, st := range kbStyles {
		t.Run(st.name, func(t *testing.T) {
			r := wrapStyle(t, st, wrappers, clean, byLocale)
			t.Logf("%s", r)
			total.right, total.offered, total.refused, total.wrong =
				total.right+r.right, total.offered+r.offered, total.refused+r.refused, total.wrong+r.wrong
		})
	}
	for _, l := range []string{LocaleUK, LocaleEN} {
		t.Logf("%-8s %s", "all "+l, *byLocale[l])
	}
	t.Logf("%-8s %s", "all", total)
	return total
}

// wrapStyle measures the wrapped queries of one knowledge base style (adding
// them to byLocale too); it skips when the style's set is not there.
func wrapStyle(t *testing.T, st kbStyle, wrappers map[string][]string, clean bool, byLocale map[string]*robustness) robustness {
	{
		articles, queries := st.load(t)
		queries = withLocales(articles, queries)
		ix, err := NewIndex(articles, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if bad := wrapperTopicWords(ix, wrappers); clean && len(bad) > 0 {
			t.Errorf("%s: wrappers hold words of the knowledge base: %v", st.name, bad)
		}
		var r robustness
		for _, q := range queries {
			res, err := ix.Search(q.Query, SearchOptions{Locale: q.Locale, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if q.Expected == NoArticle || res.Verdict != Confident || res.Hits[0].ID != q.Expected {
				continue
			}
			for _, w := range wrappers[localeOr(q.Locale)] {
				wrapped := fmt.Sprintf(w, q.Query)
				res, err := ix.Search(wrapped, SearchOptions{Locale: q.Locale, Limit: 10})
				if err != nil {
					t.Fatal(err)
				}
				before := r
				r.add(q.Expected, res)
				byLocale[localeOr(q.Locale)].add(q.Expected, res)
				if os.Getenv("VIKNO_EVAL_MISSES") != "" && r.right == before.right {
					t.Logf("%s: %q → %s %v", st.name, wrapped, res.Verdict, hitIDs(res)[:min(3, len(res.Hits))])
				}
			}
		}
		ix.Close()
		return r
	}
}

func localeOr(l string) string {
	if l == LocaleEN {
		return LocaleEN
	}
	return LocaleUK
}

// wrapperTopicWords returns the words of the wrappers that can name a topic
// of the index's knowledge base: content words some article holds.
func wrapperTopicWords(ix *Index, wrappers map[string][]string) []string {
	var bad []string
	for locale, wrappers := range wrappers {
		li := ix.locales[locale]
		if li == nil {
			continue
		}
		text := strings.ReplaceAll(strings.Join(wrappers, " "), "%s", " ")
		units, err := li.queryUnits(text, ix.tune)
		if err != nil {
			continue
		}
		for _, u := range units {
			if li.isContent(u) && li.unitWeight(u) > 0 {
				bad = append(bad, locale+":"+u.term)
			}
		}
	}
	return bad
}

// Markup a resident types or pastes is no part of the question: tags go,
// and so does a script's code («alert» would read as тривога, an air-raid
// alert, and find the shelter article).
func TestMarkupInAQuestionIsNotSearched(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"hours", "Графік роботи ЦНАП", "ЦНАП працює з 9 до 18."},
		[3]string{"alarm", "Що робити під час повітряної тривоги", "Під час тривоги йдіть в укриття. Alert: тривога."})
	res, err := ix.Search(`<b>графік роботи цнап</b><script>alert("тривога")</script>`, SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "hours" || res.Verdict != Confident {
		t.Fatalf("search = %+v; want the hours article, confident", res)
	}
	for _, h := range res.Hits {
		if h.ID == "alarm" {
			t.Errorf("the script's words found %q", h.ID)
		}
	}
	if got := clip("температура < 18 і > 15 <i>градусів"); got != "температура < 18 і > 15  градусів" {
		t.Errorf("clip kept or lost the wrong text: %q", got)
	}
}
