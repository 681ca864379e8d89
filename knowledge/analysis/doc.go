// Package analysis is Ukrainian text analysis for bleve: a normalising char
// filter, a tokenizer, token filters (Latin transliteration, Russian letters,
// a Ukrainian stemmer, a synonym and abbreviation dictionary, a stop list) and
// the analyzer that chains them, registered in bleve under the name Name.
//
// The pipeline, in order:
//
//	Normalize   NFC, lower case, one apostrophe, no stress marks or soft hyphens
//	Tokenize    runs of letters and digits; apostrophes inside words are dropped
//	EnglishStop marks English stop words ("is there a … for my …"), which the
//	            next steps leave as written
//	Translit    Latin-script words to Cyrillic ("zakordonnyi" → "закордонний")
//	Russian     ы→и, э→е, ё→е, ъ dropped
//	Stop        drops function words, keeps question words (як, де, чи, не, ...)
//	Stem        the Ukrainian stemmer (Stem)
//	Dictionary  one-way mappings (Russian/surzhyk, residents' everyday words
//	            and English → Ukrainian) and synonym groups: every phrase of a
//	            group also yields the group's token
//	Letters     drops the marked English stop words and single letters left
//	            over
//
// The same analyzer runs at index and at query time, so a query in Russian,
// surzhyk, English or Latin transliteration meets the Ukrainian article half way.
package analysis
