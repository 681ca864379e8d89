package knowledge

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/internal/hunspell"
)

// Vocabulary of the synthetic knowledge base: real words of the domain and
// made-up words that decline like Ukrainian ones.
var (
	benchNouns = strings.Fields(`паспорт довідка заява субсидія реєстрація виписка посвідчення свідоцтво
		квартира будинок ділянка дитина сім'я пенсія допомога черга ліфт вода опалення сміття дорога
		тротуар ліхтар дерево собака сусід шлюб народження смерть податок виплата рахунок лічильник
		договір дозвіл реклама кіоск майданчик транспорт квиток маршрут водій звернення скарга`)
	benchVerbs = strings.Fields(`отримати оформити подати замінити зареєструвати перевірити знайти
		оплатити відновити скасувати продовжити змінити записати повідомити прибрати відремонтувати`)
	benchAdjs = strings.Fields(`закордонний житловий міський новий старий електронний паперовий
		тимчасовий постійний безкоштовний платний терміновий аварійний зелений дитячий земельний`)
	benchEndings = []string{"а", "и", "у", "ою", "ам", "ами", "ах", "ів", "ові", "ом"}
	benchSyll    = strings.Fields("ка ро ва ні ле то ми су за пе ди хо ба ти лу ре")
)

// benchWord returns a made-up word.
func benchWord(r *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 2+r.IntN(3); i++ {
		b.WriteString(benchSyll[r.IntN(len(benchSyll))])
	}
	b.WriteString(benchEndings[r.IntN(len(benchEndings))])
	return b.String()
}

func pick(r *rand.Rand, words []string) string { return words[r.IntN(len(words))] }

// syntheticKB returns n articles; one in ten has several alternative
// questions.
func syntheticKB(n int) []Article {
	r := rand.New(rand.NewPCG(1, 2))
	made := make([]string, 3000)
	for i := range made {
		made[i] = benchWord(r)
	}
	sentence := func(words int) string {
		var s []string
		for i := 0; i < words; i++ {
			switch r.IntN(4) {
			case 0:
				s = append(s, pick(r, benchNouns))
			case 1:
				s = append(s, pick(r, benchVerbs))
			default:
				s = append(s, made[r.IntN(len(made))])
			}
		}
		return strings.Join(s, " ")
	}
	articles := make([]Article, n)
	for i := range articles {
		a := Article{
			ID:        fmt.Sprintf("article-%05d", i),
			Title:     fmt.Sprintf("Як %s %s %s %s?", pick(r, benchVerbs), pick(r, benchAdjs), pick(r, benchNouns), made[r.IntN(len(made))]),
			Body:      sentence(40 + r.IntN(80)),
			Locale:    LocaleUK,
			Published: true,
		}
		if i%10 == 0 {
			for q := 0; q < 3+r.IntN(8); q++ {
				a.Questions = append(a.Questions, sentence(3+r.IntN(5)))
			}
		}
		articles[i] = a
	}
	return articles
}

var benchQueries = []string{
	"як отримати закордонний паспорт",
	"скільки коштує довідка",
	"сколько стоит загранпаспорт",
	"zakordonnyi pasport",
	"не працює ліфт у будинку третій день",
	"паспрот закордоний",
	"реєстрація місця проживання дитини",
	"рецепт борщу",
	"субсидія",
	"де найближчий цнап і графік роботи в суботу",
}

func BenchmarkNewIndex10k(b *testing.B) { benchmarkNewIndex10k(b, Options{}) }

// BenchmarkNewIndex10kMorphology is BenchmarkNewIndex10k with the Hunspell
// dictionary of the machine (morphology_dir), loaded before the timer starts.
func BenchmarkNewIndex10kMorphology(b *testing.B) { benchmarkNewIndex10k(b, morphologyOptions(b)) }

// morphologyOptions returns the index options with the Ukrainian Hunspell
// dictionary of the machine, loaded once; it skips the benchmark without one.
func morphologyOptions(b *testing.B) Options {
	b.Helper()
	if _, err := hunspell.Shared(hunspell.SystemDir, hunspell.Ukrainian); err != nil {
		b.Skip("no hunspell-uk dictionary:", err)
	}
	return Options{Morphology: hunspell.SystemDir}
}

func benchmarkNewIndex10k(b *testing.B, opts Options) {
	articles := syntheticKB(10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := NewIndex(articles, opts)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// longMessages are messages as residents write them: greetings, a story,
// the question, thanks (the question is judged in up to three readings).
var longMessages = []string{
	"Добрий день! Вибачте, що турбую. Мій син загубив паспорт минулого тижня, ми живемо на Сихові. " +
		"Підкажіть, будь ласка, що робити і куди звертатися? Дякую заздалегідь",
	"Доброго дня. Мама вже старенька, пишу за неї. Скільки коштує довідка про склад сім'ї і де її взяти? Дякую!",
	"Вітаю! Третій день у будинку не працює ліфт, на дев'ятому поверсі живуть літні люди. Куди подати скаргу?",
	"Hello! Sorry to bother you. My son moved here last week. How do I register his residence? Thanks in advance",
}

// BenchmarkSearch10k reports the time per search and its 99th percentile
// (p99_ms) on a knowledge base of 10,000 articles.
func BenchmarkSearch10k(b *testing.B) { benchmarkSearch10k(b, benchQueries, Options{}) }

// BenchmarkSearch10kMorphology is BenchmarkSearch10k with the Hunspell
// dictionary of the machine.
func BenchmarkSearch10kMorphology(b *testing.B) {
	benchmarkSearch10k(b, benchQueries, morphologyOptions(b))
}

// BenchmarkSearchLongMessages10k is BenchmarkSearch10k for long polite
// messages of several sentences.
func BenchmarkSearchLongMessages10k(b *testing.B) { benchmarkSearch10k(b, longMessages, Options{}) }

// BenchmarkSearchLongMessages10kMorphology is
// BenchmarkSearchLongMessages10k with the Hunspell dictionary of the machine.
func BenchmarkSearchLongMessages10kMorphology(b *testing.B) {
	benchmarkSearch10k(b, longMessages, morphologyOptions(b))
}

func benchmarkSearch10k(b *testing.B, queries []string, opts Options) {
	ix, err := NewIndex(syntheticKB(10000), opts)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := ix.Search(queries[i%len(queries)], SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99_ms")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50_ms")
}

func BenchmarkSearchDemoKB(b *testing.B) {
	articles, queries := demoKB(b)
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		if _, err := ix.Search(q.Query, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUpsert10k(b *testing.B) {
	articles := syntheticKB(10000)
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := articles[i%len(articles)]
		a.Title += " оновлено"
		if err := ix.Upsert(a); err != nil {
			b.Fatal(err)
		}
	}
}
