package knowledge

import (
	"testing"
)

// mustIndexOf builds an index of Ukrainian articles given as id, title, body.
func mustIndexOf(t *testing.T, docs ...[3]string) *Index {
	t.Helper()
	var articles []Article
	for _, d := range docs {
		articles = append(articles, Article{ID: d[0], Title: d[1], Body: d[2], Published: true})
	}
	ix, err := NewIndex(articles, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// evidenceFor analyses q against the Ukrainian articles of ix.
func evidenceFor(t *testing.T, ix *Index, q string) (evidence, []unit) {
	t.Helper()
	li := ix.locales[LocaleUK]
	units, err := li.queryUnits(q, ix.tune)
	if err != nil {
		t.Fatal(err)
	}
	scored, err := li.score(units, ix.tune)
	if err != nil {
		t.Fatal(err)
	}
	scored = li.rerank(units, scored, ix.tune)
	return li.evidenceOf(units, scored, ix.tune), units
}

func TestWordOnlyInBodiesCountsLessAgainstASpecificFirstHit(t *testing.T) {
	aids := [3]string{"aids", "Засоби реабілітації", "Видаємо протези і ходунки безкоштовно."}
	fee := [3]string{"fee", "Оплата послуг", "Оплата за реквізитами."}
	inBody := mustIndexOf(t, aids, fee, [3]string{"hours", "Графік роботи", "Працюємо щодня, далі перерва."})
	inTitle := mustIndexOf(t, aids, fee, [3]string{"hours", "Графік роботи далі", "Працюємо щодня, перерва."})
	coverage := func(ix *Index) float64 {
		li := ix.locales[LocaleUK]
		units, err := li.queryUnits("протези далі", ix.tune)
		if err != nil {
			t.Fatal(err)
		}
		ev := li.evidenceOf(units, []scoredArticle{{id: "aids", score: 1}}, ix.tune)
		if ev.spec < answerSpecificity {
			t.Fatalf("протез is in one article only, yet spec %.2f", ev.spec)
		}
		return ev.cov
	}
	if body, title := coverage(inBody), coverage(inTitle); body <= title {
		t.Errorf("coverage with далі only in a body %.2f, want more than with далі in a title %.2f", body, title)
	}
}

func TestAloneMeansNoOtherCandidateHoldsTheAgreeingWords(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"aids", "Засоби реабілітації", "Протези і ходунки безкоштовно."},
		[3]string{"ramp", "Доступність центру", "Пандус біля входу, безкоштовно."},
		[3]string{"subsidy", "Субсидія", "Субсидія на оплату послуг."})
	ev, _ := evidenceFor(t, ix, "протез безкоштовно")
	if !ev.alone || ev.agreeing != 2 {
		t.Errorf("протез безкоштовно: alone=%v agreeing=%d, want alone with 2", ev.alone, ev.agreeing)
	}
	ev, _ = evidenceFor(t, ix, "безкоштовно")
	if ev.alone {
		t.Error("безкоштовно is in two articles, yet the first is alone")
	}
}

func TestAspectPairMeetsAcrossStemsButOtherWordsStayApart(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"notify", "Повідомлення про зміни", "Треба повідомити про зміну складу сім'ї."},
		[3]string{"route", "Маршрут автобуса", "Маршрут і розклад."},
		[3]string{"bus", "Скарга на маршрутку", "Маршрутка не зупинилась, повідомляти можна тут."})
	_, units := evidenceFor(t, ix, "повідомляти маршрут")
	alts := map[string][]string{}
	for _, u := range units {
		for _, a := range u.alts {
			alts[u.term] = append(alts[u.term], a.term)
		}
	}
	if !contains(alts["повідомл"], "повідом") {
		t.Errorf("повідомляти gains %q, want повідом (повідомити) among them", alts["повідомл"])
	}
	if contains(alts["маршрут"], "маршрутк") {
		t.Errorf("маршрут gains %q: маршрутка is another word", alts["маршрут"])
	}
}

func TestWeakWordIsNotCorrectedAsATypo(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"school", "Зарахування до школи", "Зарахування відбувається у червні."},
		[3]string{"kids", "Зарахування до садка", "Зарахування за чергою."})
	_, units := evidenceFor(t, ix, "зараз")
	for _, u := range units {
		for _, a := range u.alts {
			if a.term == "зарах" {
				t.Errorf("зараз corrected to %q", a.term)
			}
		}
	}
}

func TestVerdictBandsForTitlesThatSayMore(t *testing.T) {
	hits := []scoredArticle{{id: "a", score: 1}, {id: "b", score: 0.5}}
	base := evidence{content: 3, agreeing: 2, alone: true, cov: 0.6, rev: 0.1, spec: 0.8, second: 0.5}
	tests := []struct {
		name string
		edit func(*evidence)
		want Verdict
	}{
		{"two words pick out the first hit alone", func(*evidence) {}, Ambiguous},
		{"one word in common is a coincidence", func(ev *evidence) { ev.agreeing = 1 }, NoAnswer},
		{"a query of one word only the first hit has", func(ev *evidence) { ev.content, ev.agreeing, ev.cov = 1, 1, 1 }, Ambiguous},
		{"a third of the words unknown", func(ev *evidence) { ev.content, ev.unknown = 2, 1 }, NoAnswer},
		{"words unknown, the first hit alone holds two thirds of the known", func(ev *evidence) { ev.content, ev.unknown, ev.cov = 2, 3, 0.7 }, Ambiguous},
		{"another hit close, query not whole", func(ev *evidence) { ev.second = 0.9 }, NoAnswer},
		{"another hit close, whole query in the first", func(ev *evidence) { ev.second, ev.cov = 0.9, 1 }, Ambiguous},
		{"near duplicates holding the same words", func(ev *evidence) { ev.alone, ev.second, ev.cov = false, 0.9, 0.7 }, Ambiguous},
		{"near duplicates, a third of the query missing", func(ev *evidence) { ev.alone, ev.second, ev.cov = false, 0.9, 0.6 }, NoAnswer},
		{"several articles hold the words, none close", func(ev *evidence) { ev.alone = false }, NoAnswer},
		{"several articles hold the whole query", func(ev *evidence) { ev.alone, ev.cov = false, 1 }, Ambiguous},
		{"several articles hold the one word of the query", func(ev *evidence) { ev.alone, ev.cov, ev.content, ev.agreeing = false, 1, 1, 1 }, NoAnswer},
		{"one word in common beside an unknown word", func(ev *evidence) {
			ev.content, ev.unknown, ev.agreeing, ev.cov, ev.rev, ev.alone, ev.spec = 1, 1, 1, 1, 0.4, false, 0.6
		}, NoAnswer},
		{"one word in common that names the first hit alone", func(ev *evidence) {
			ev.content, ev.unknown, ev.agreeing, ev.cov, ev.rev, ev.alone, ev.spec, ev.named = 1, 1, 1, 1, 0.4, false, 0.6, true
		}, Ambiguous},
		{"one word in common, the message known whole", func(ev *evidence) {
			ev.content, ev.agreeing, ev.cov, ev.rev, ev.alone, ev.spec = 1, 1, 1, 0.4, false, 0.6
		}, Ambiguous},
		{"one specific word that agrees beside an unknown word is offered", func(ev *evidence) {
			ev.content, ev.unknown, ev.agreeing, ev.cov, ev.rev, ev.spec = 1, 1, 1, 1, 0.5, 1
		}, Ambiguous},
		{"one specific word that agrees, the message known whole", func(ev *evidence) {
			ev.content, ev.agreeing, ev.cov, ev.rev, ev.spec = 1, 1, 1, 0.5, 1
		}, Confident},
		{"words found in bodies alone, no title offered shares one", func(ev *evidence) { ev.spec, ev.cov, ev.rev, ev.offered = 1.2, 0.6, 0, 0 }, NoAnswer},
		{"words found in bodies, another offered title shares one", func(ev *evidence) { ev.spec, ev.cov, ev.rev, ev.offered = 1.2, 0.6, 0, 0.3 }, Ambiguous},
		{"specific words alone in a long title answer", func(ev *evidence) { ev.spec, ev.cov = 1.2, 0.7 }, Confident},
		{"specific words, a third of the query missing", func(ev *evidence) { ev.spec, ev.cov = 1.2, 0.6 }, Ambiguous},
		{"specific words held by another article too", func(ev *evidence) { ev.spec, ev.cov, ev.alone = 1.2, 0.7, false }, NoAnswer},
		{"specific words, another hit close", func(ev *evidence) { ev.spec, ev.cov, ev.second = 1.2, 0.7, 0.85 }, NoAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := base
			tt.edit(&ev)
			if got := verdict(hits, ev); got != tt.want {
				t.Errorf("verdict(%+v) = %v, want %v", ev, got, tt.want)
			}
		})
	}
}

func TestCompoundWordIsKnownByItsLastPartButDoesNotRank(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"build", "Будівельний паспорт забудови", "Паспорт видає відділ архітектури."},
		[3]string{"abroad", "Закордонний паспорт", "Паспорт для виїзду за кордон."})
	ev, units := evidenceFor(t, ix, "енергопаспорт забудови")
	if len(units) != 2 {
		t.Fatalf("units %+v", units)
	}
	var part *alt
	for i, a := range units[0].alts {
		if a.term == "паспорт" {
			part = &units[0].alts[i]
		}
	}
	switch {
	case part == nil:
		t.Fatalf("енергопаспорт gains %+v, want паспорт", units[0].alts)
	case part.weight != 0 || part.credit <= 0:
		t.Errorf("паспорт as a part of енергопаспорт: weight %v credit %v, want no weight and some credit", part.weight, part.credit)
	case ev.unknown != 0 || ev.content != 2:
		t.Errorf("енергопаспорт counted unknown=%d content=%d, want a known content word", ev.unknown, ev.content)
	}
}

// unitTerms returns the first term of each unit of q.
func unitTerms(t *testing.T, ix *Index, q string) []string {
	t.Helper()
	_, units := evidenceFor(t, ix, q)
	var out []string
	for _, u := range units {
		out = append(out, u.term)
	}
	return out
}

func TestShortStemIsNotCorrectedIntoAnotherWord(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"age", "Пенсія за віком", "Вік виходу на пенсію, стан здоровʼя."},
		[3]string{"road", "Яма на дорозі", "Повідомте про яму на дорозі."},
		[3]string{"queue", "Електронна черга", "Запис у чергу через сайт, черга онлайн, дорога до ЦНАП."},
		[3]string{"light", "Освітлення", "Ліхтар на дорозі не світить."},
		[3]string{"land", "Оренда земельної ділянки", "Земля громади в оренду."})
	for _, c := range []struct{ q, want string }{
		{"візок", "візк"},  // a real word, not a typo of вік
		{"стіні", "стін"},  // not стан
		{"дорзі", "дороз"}, // a letter missing is given back
		{"черзі", "черг"},  // the locative of черга (second palatalisation)
		{"вулиці", "вулиц"},
	} {
		if got := unitTerms(t, ix, c.q); len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: units %v, want [%s]", c.q, got, c.want)
		}
	}
}

func TestNamedMeansOnlyTheFirstHitsTitleHasTheWord(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"apostille", "Як поставити апостиль на документ?", "Апостиль ставлять на документи для інших країн."},
		[3]string{"id", "Як отримати ID-картку?", "Картку видає ЦНАП, апостиль не потрібен."},
		[3]string{"id-lost", "Що робити, якщо загубив ID-картку?", "Заява про втрату картки."})
	if ev, _ := evidenceFor(t, ix, "апостиль на диплом"); !ev.named || ev.agreeing != 1 || ev.unknown != 1 {
		t.Errorf("апостиль: %+v, want named, one agreeing, one unknown", ev)
	}
	if ev, _ := evidenceFor(t, ix, "зелена картка"); ev.named {
		t.Errorf("картка is in two titles, yet named: %+v", ev)
	}
}

func TestWordsAMappingReplacedStillRankButGiveNoEvidence(t *testing.T) {
	// everyday.txt reads «адміністратор додому» as «виїзне обслуговування»;
	// an article may still say it with the resident's own word
	ix := mustIndexOf(t,
		[3]string{"visit", "Виклик адміністратора ЦНАП на дім", "Адміністратор приїде з мобільним кейсом."},
		[3]string{"hours", "Графік роботи ЦНАП", "Працюємо щодня."},
		[3]string{"ramp", "Доступність центру", "Пандус і кнопка виклику працівника."})
	ev, units := evidenceFor(t, ix, "адміністратор додому")
	var mapped []string
	for _, u := range units {
		if u.mapped {
			mapped = append(mapped, u.term)
		}
	}
	if len(mapped) != 1 || mapped[0] != "адміністратор" {
		t.Fatalf("mapped units %q, want the one word the articles hold, адміністратор", mapped)
	}
	if ev.content != 0 || ev.agreeing != 0 {
		t.Errorf("a mapped word counted as evidence: content=%d agreeing=%d", ev.content, ev.agreeing)
	}
	res, err := ix.Search("адміністратор додому", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "visit" {
		t.Errorf("hits %+v, want the article holding адміністратор first", res.Hits)
	}
}

func TestAFormThatIsAnotherWordOfTheQueryCountsOnce(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"stops", "Прибирання зупинок", "Зупинки громадського транспорту прибирають щодня."},
		[3]string{"hours", "Графік роботи", "Працюємо щодня."})
	_, units := evidenceFor(t, ix, "автобус не зупинився на зупинці")
	stops := 0
	for _, u := range units {
		for _, a := range u.alts {
			if a.term == "зупинк" {
				stops++
			}
		}
	}
	if stops != 1 {
		t.Errorf("зупинк counts %d times in %+v, want once (зупинці), not again as a form of зупинився", stops, units)
	}
}

func TestOneWordNamingATopicOfSeveralTitlesOffersTheTitlesMostAboutIt(t *testing.T) {
	ix := mustIndexOf(t,
		[3]string{"abroad-fee", "Скільки коштує закордонний паспорт і які документи взяти з собою?", "Оплата."},
		[3]string{"abroad", "Закордонний паспорт", "Оформлення."},
		[3]string{"id", "Паспорт громадянина", "ID-картка."},
		[3]string{"tax", "Податковий номер", "Код. У паспорті ставлять відмітку."},
		[3]string{"hours", "Графік роботи", "Працюємо щодня."},
		[3]string{"pets", "Реєстрація тварин", "Паспорт тварини видає ветеринар."})
	res, err := ix.Search("паспорт", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if res.Verdict != Ambiguous || len(ids) != 3 || ids[0] != "abroad" || ids[1] != "id" || ids[2] != "abroad-fee" {
		t.Errorf("паспорт: %s %v, want a choice of the three titles holding it, the shortest first", res.Verdict, ids)
	}
	// a word in one title only, or in bodies only, is no topic of titles
	if res, _ := ix.Search("тварин", SearchOptions{}); len(res.Hits) > 0 && res.Hits[0].ID != "pets" {
		t.Errorf("тварин: %v", res.Hits)
	}
	if res, _ := ix.Search("ветеринар", SearchOptions{}); res.Verdict == Ambiguous && len(res.Hits) > 1 {
		t.Errorf("ветеринар (one body) offered %v", res.Hits)
	}
}
