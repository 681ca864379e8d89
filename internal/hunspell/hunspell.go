// Package hunspell reads a Hunspell dictionary (an affix file .aff and a word
// list .dic) at run time and answers which dictionary words a word form comes
// from: the standard Hunspell look-up, which strips a prefix and a suffix
// whose conditions hold and checks that the word left is in the list with the
// affix's flag. Forms are not expanded in advance: the list is kept as it is,
// and a look-up costs a few map probes (a microsecond or two), cached.
//
// It reads the parts of the format that say which forms a word has: SET (the
// encoding), FLAG (char, long, num, UTF-8), AF (flag aliases), PFX and SFX
// with cross products and conditions, NEEDAFFIX, FORBIDDENWORD and IGNORE.
// Compounding, twofold suffixes (continuation classes on affixes), suggestions
// and the morphological fields are left out. Words and affixes are kept in
// lower case, so that a look-up ignores case.
//
// The dictionaries themselves are not part of this program: Debian's
// hunspell-uk installs uk_UA.aff and uk_UA.dic in /usr/share/hunspell.
package hunspell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Dictionary is a loaded Hunspell dictionary. It is safe for concurrent use.
type Dictionary struct {
	words     map[string]string   // lower-case word → its flags, one rune a flag (see flagCodec)
	suffixes  map[string][]*affix // by the text a suffix adds
	prefixes  map[string][]*affix // by the text a prefix adds
	needAffix rune                // flag of words that are no words alone; 0: none
	forbidden rune                // flag of forbidden words; 0: none
	ignore    string              // characters dropped from words and affixes

	cache     sync.Map // word → []string
	cacheSize atomic.Int64
}

// Where Debian's hunspell packages install their dictionaries, and the name of
// the Ukrainian one (hunspell-uk).
const (
	SystemDir = "/usr/share/hunspell"
	Ukrainian = "uk_UA"
)

// ErrFormat is wrapped by the errors of Parse for input that is not a
// Hunspell dictionary.
var ErrFormat = errors.New("hunspell: bad format")

// maxCache is the most word forms whose stems are remembered.
const maxCache = 200_000

// Open loads the dictionary of a language from dir: dir/lang.aff and
// dir/lang.dic (lang as in "uk_UA"). It fails with an error wrapping
// fs.ErrNotExist when a file is missing and ErrFormat when a file is not in
// the format.
func Open(dir, lang string) (*Dictionary, error) {
	aff, err := os.Open(filepath.Join(dir, lang+".aff"))
	if err != nil {
		return nil, fmt.Errorf("hunspell: %w", err)
	}
	defer aff.Close()
	dic, err := os.Open(filepath.Join(dir, lang+".dic"))
	if err != nil {
		return nil, fmt.Errorf("hunspell: %w", err)
	}
	defer dic.Close()
	return Parse(aff, dic)
}

// Parse reads an affix file and a word list. It fails with an error wrapping
// ErrFormat on malformed input.
func Parse(aff, dic io.Reader) (*Dictionary, error) {
	d := &Dictionary{words: map[string]string{}, suffixes: map[string][]*affix{}, prefixes: map[string][]*affix{}}
	enc, err := d.parseAff(aff)
	if err != nil {
		return nil, err
	}
	if err := d.parseDic(enc.reader(dic), enc); err != nil {
		return nil, err
	}
	return d, nil
}

// Len returns the number of distinct (lower-case) words in the list.
func (d *Dictionary) Len() int { return len(d.words) }

// Stems returns the dictionary words that word is a form of, the word itself
// first when it is a dictionary word; nil when it is none. The word is looked
// up in lower case. The returned slice is shared: do not change it.
func (d *Dictionary) Stems(word string) []string {
	if s, ok := d.cache.Load(word); ok {
		return s.([]string)
	}
	s := d.stems(d.clean(word))
	if d.cacheSize.Add(1) <= maxCache {
		d.cache.Store(word, s)
	}
	return s
}

// Known reports whether word is a form of a dictionary word.
func (d *Dictionary) Known(word string) bool { return len(d.Stems(word)) > 0 }

// clean lowers the case of a word and drops the ignored characters.
func (d *Dictionary) clean(word string) string {
	word = strings.ToLower(word)
	if d.ignore == "" {
		return word
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(d.ignore, r) {
			return -1
		}
		return r
	}, word)
}

// Shared returns the dictionary of lang in dir, loaded by Open once per
// process and shared by every caller: a dictionary takes tens of megabytes
// and most of a second to load, and every search index of the process reads
// words with the same one. A failed load is not remembered.
func Shared(dir, lang string) (*Dictionary, error) {
	key := filepath.Join(dir, lang)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if d, ok := shared.dicts[key]; ok {
		return d, nil
	}
	d, err := Open(dir, lang)
	if err != nil {
		return nil, err
	}
	shared.dicts[key] = d
	return d, nil
}

var shared = struct {
	mu    sync.Mutex
	dicts map[string]*Dictionary
}{dicts: map[string]*Dictionary{}}
