package hunspell

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// parseDic reads the word list: a count on the first line, then one word a
// line, "word/flags" and optional morphological fields after white space.
func (d *Dictionary) parseDic(r io.Reader, enc *textEncoding) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimPrefix(sc.Text(), "\uFEFF")
		if line == 1 && isCount(text) {
			continue
		}
		if err := d.addEntry(text, enc.flags); err != nil {
			return fmt.Errorf("hunspell: word list line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%w: word list: %v", ErrFormat, err)
	}
	return nil
}

func isCount(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// addEntry adds one line of the word list; the flags of a word listed twice
// are joined.
func (d *Dictionary) addEntry(line string, flags *flagCodec) error {
	if !utf8.ValidString(line) {
		return fmt.Errorf("%w: not UTF-8", ErrFormat)
	}
	word, field := splitEntry(line)
	word = d.clean(word)
	if word == "" {
		return nil
	}
	fl, err := flags.decode(field)
	if err != nil {
		return err
	}
	d.words[word] = union(d.words[word], fl)
	return nil
}

// splitEntry cuts a line into the word (with "\/" read as a slash) and its
// flag field; morphological fields and comments after white space go.
func splitEntry(line string) (word, flags string) {
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		line = line[:i]
	}
	if !strings.Contains(line, `\/`) {
		if i := strings.IndexByte(line, '/'); i > 0 {
			return line[:i], line[i+1:]
		}
		return line, ""
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '/':
			b.WriteByte('/')
			i++
		case line[i] == '/' && i > 0:
			return b.String(), line[i+1:]
		default:
			b.WriteByte(line[i])
		}
	}
	return b.String(), ""
}
