package knowledge

// tuning holds the constants of ranking and of the verdict. The verdict's
// constants are shares and ratios fixed from what they mean, not fitted to
// an evaluation set (see verdict), so they keep their meaning on any
// knowledge base of any size.
type tuning struct {
	candidates    int     // bleve documents fetched per search
	rerank        bool    // score candidates by query units (rank.go), not by bleve
	commonShare   float64 // terms in more than this share of articles...
	commonMin     int     // ...and in more than this many do not fetch candidates
	k1            float64 // BM25 term frequency saturation
	bq, bb        float64 // BM25 length normalisation of questions, bodies
	bodyWeight    float64 // share of the body score added to the best question
	synonymWeight float64 // boost of a synonym-group term
	typoWeight    float64 // boost (and evidence credit) of a corrected typo
	formWeight    float64 // the same of another form of a word (forms.go)
	weakWeight    float64 // share of its idf a weak word weighs in reverse coverage
}

var defaultTuning = tuning{
	candidates:    100,
	rerank:        true,
	commonShare:   0.2,
	commonMin:     100,
	k1:            1.2,
	bq:            0.5,
	bb:            0.5,
	bodyWeight:    0.35,
	synonymWeight: 1.0,
	typoWeight:    0.7,
	formWeight:    0.7,
	weakWeight:    0.3,
}

// The verdict's constants, each fixed from what it means.
const (
	// answerAgreement: an answer needs query and article to agree on more
	// than half of what each says (see evidence.agreement).
	answerAgreement = 0.5
	// choiceAgreement: unless each side holds a third of the other (query
	// of the article, article's title or question of the query) there is no
	// common topic to offer.
	choiceAgreement = 1.0 / 3
	// answerSpecificity: the words the first hit holds must together be as
	// specific as a word only one article has, so that they pick out about
	// one article; choiceSpecificity: half of that, a handful of articles.
	answerSpecificity = 1.0
	choiceSpecificity = 0.5
	// topicSpecificity: when what the first hit holds of the query is more
	// specific than any single word can be (half again a word only one
	// article has: at least two specific words agree) and it is a third of
	// the query's known content words (choiceAgreement), query and article
	// share a topic even when the article's title says much more than the
	// query (the long titles of official registers) or the message tells a
	// story around its question, so its title is offered as a choice.
	topicSpecificity = 1.5
	// closeShare: a second hit scoring at least this share of the first (the
	// first not a quarter ahead) makes the answer a choice.
	closeShare = 0.8
)

// verdict decides from the evidence of the first hit, in three bands:
// Confident when query and article agree on most of what each says, or the
// first hit alone holds all but a third of the query's known content words
// (its title may say much more), the words found pick out about one article
// and no other hit is close;
// Ambiguous (offer up to MaxChoices titles) when there is a common topic but
// not enough for one answer, when the words that agree pick out the first hit
// although its title says much more than the query, or when two articles
// agree with the query about equally well (near duplicates); NoAnswer
// otherwise, and also when none of the titles and questions a choice list
// would offer shares a word with the query.
func verdict(hits []scoredArticle, ev evidence) Verdict {
	v := rawVerdict(hits, ev)
	if v == Ambiguous && max(ev.rev, ev.offered) == 0 {
		// a choice list shows titles: when no title or question of the
		// articles it would offer shares a word with the message, the list
		// is no plausible offer (the articles hold the words only in
		// passing, in their bodies), and the honest answer is no answer
		return NoAnswer
	}
	return v
}

// rawVerdict is verdict before the check of the titles a choice list offers.
func rawVerdict(hits []scoredArticle, ev evidence) Verdict {
	agree := ev.agreement()
	switch {
	case len(hits) == 0 || ev.content == 0:
		return NoAnswer
	case ev.spec >= answerSpecificity && agree >= answerAgreement && ev.second < closeShare:
		if ev.agreeing < 2 && ev.unknown > 0 {
			// one word in common beside words the knowledge base does not
			// know is no answer: those words may be what the message is
			// about (де купити ялинку, доставка піци), so it is offered
			return Ambiguous
		}
		return Confident
	case ev.spec >= answerSpecificity && ev.alone && ev.wordsAgree() && ev.cov >= 1-choiceAgreement && ev.second < closeShare:
		// a title in the long register of an official website says much
		// more than a question (Призначення житлової субсидії за
		// фактичним місцем проживання… for субсидія орендарям), so query
		// and title cannot agree on half of what each says; the words
		// found are then the evidence: specific enough to pick out about
		// one article, held together by no other candidate, at least two
		// of them, the knowledge base knowing most of the message and the
		// first hit holding all but a third of what it knows, no other hit
		// close
		return Confident
	case ev.spec >= choiceSpecificity && min(ev.cov, ev.rev) >= choiceAgreement && (ev.agreeing >= 2 || ev.unknown == 0 || ev.named):
		// one word in common is a coincidence when the message has words
		// the knowledge base does not know, as they may be what it is
		// about (green card, скільки коштує генератор), unless the word
		// names the first hit alone: no other title or question has it
		// (апостиль на диплом); a message the knowledge base knows whole
		// may name its topic in one word
		return Ambiguous
	case ev.spec >= topicSpecificity && ev.cov >= choiceAgreement:
		return Ambiguous
	case ev.alone && (ev.wordsAgree() && ev.cov >= answerAgreement && ev.second < closeShare ||
		ev.agreeing >= 2 && ev.cov >= 1-choiceAgreement && ev.second < closeShare || ev.whole()):
		// a title in the long register of an official website says much
		// more than any short question (протез безкоштовно, пандус у цнап),
		// so it cannot agree with one: the first hit is offered when the
		// words that agree pick it out alone and either two or more agree,
		// most of the query's known content words are in it and no other
		// hit is close, or the whole query is in it (another hit may then
		// score close on some of the words, встановлення МАФу, but holds not
		// all of them; a query of one word that one article alone has,
		// ожеледиця, is that article's). Words the knowledge base does not
		// know are no evidence against it (a story: слабозорий дідусь, чи
		// допоможуть йому в цнапі заповнити заяву) once the first hit
		// alone holds two or more words and all but a third of what is
		// known.
		return Ambiguous
	case ev.wordsAgree() && !ev.alone && ev.cov >= 1-choiceAgreement && ev.second >= closeShare:
		// near duplicates under long titles (the subsidies, the addresses
		// of the offices): the query's words are in several articles
		// that score alike, and all but a third of them in the first
		return Ambiguous
	case ev.whole() && ev.agreeing >= 2:
		// the knowledge base knows every word of the query and the first
		// hit holds them all, yet so do other articles (hence not alone):
		// near duplicates by what they hold, whatever their scores
		// (хто обслуговує мій будинок)
		return Ambiguous
	case min(ev.cov, ev.rev) >= answerAgreement && ev.second >= closeShare:
		// near duplicates: the words that agree are in all of them, so they
		// cannot be specific, yet one of them is the answer
		return Ambiguous
	default:
		return NoAnswer
	}
}

// wordsAgree reports whether at least two of the query's content words agree
// with the first hit (one word in common is too often a coincidence) and the
// words the knowledge base does not know are fewer than a third of the
// query's content words (choiceAgreement): the rest of the message is what
// it can be about.
func (ev evidence) wordsAgree() bool {
	return ev.agreeing >= 2 && float64(ev.unknown) < choiceAgreement*float64(ev.content+ev.unknown)
}

// whole reports whether the knowledge base knows every content word of the
// query and the first hit holds each of them.
func (ev evidence) whole() bool { return ev.unknown == 0 && ev.cov >= 1-wholeSlack }

// wholeSlack absorbs the rounding of the sums behind a coverage of 1.
const wholeSlack = 1e-9

// weakNumber reports whether a term is a number that says little: one no
// article contains (41280), or of one or two digits (14 років, о 7 ранку).
// A number the articles know, like the hotline 1580, is a topic.
func (li *localeIndex) weakNumber(term string) bool {
	for _, r := range term {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(term) < 3 || li.stats.df[term] == 0
}

// reverseCoverage is the largest share of a title or question of the
// article that the query's terms cover: an article about more than was asked
// is a weaker answer.
func (li *localeIndex) reverseCoverage(units []unit, terms articleTerms, t tuning) float64 {
	query := termSet{}
	for _, u := range units {
		for _, a := range u.alts {
			query[a.term] = struct{}{}
		}
	}
	best := 0.0
	for _, v := range terms.questions {
		var total, found float64
		for _, w := range v.words {
			wt := li.weight(w.term, li.stats.dfQ, t)
			total += wt
			if query.has(w.term) || anyIn(query, w.synonyms) {
				found += wt
			}
		}
		if total > 0 {
			best = max(best, found/total)
		}
	}
	return best
}

func anyIn(set termSet, terms []string) bool {
	for _, s := range terms {
		if set.has(s) {
			return true
		}
	}
	return false
}

// weight is the idf of a term by df, less for a weak word, a weak number or a
// question word: they tell answers apart but do not name what is asked.
func (li *localeIndex) weight(term string, df map[string]int, t tuning) float64 {
	w := idfOf(len(li.stats.docs), df[term])
	if li.an.weak(term) || li.weakNumber(term) || !li.an.topical(term) {
		w *= t.weakWeight
	}
	return w
}
