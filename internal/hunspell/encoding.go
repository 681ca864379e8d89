package hunspell

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// textEncoding is the character set of a dictionary's files (SET) and the
// flag codec the word list shares with the affix file.
type textEncoding struct {
	enc   encoding.Encoding // nil: UTF-8
	flags *flagCodec
}

// encodingOf finds the SET line of an affix file; without one, Hunspell reads
// ISO 8859-1. Dictionaries are in UTF-8 or in a one-byte character set
// (ISO 8859-x, KOI8-U, microsoft-cp1251); other sets are refused.
func encodingOf(raw []byte) (*textEncoding, error) {
	name := "ISO8859-1"
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && strings.TrimPrefix(f[0], "\uFEFF") == "SET" {
			name = f[1]
			break
		}
	}
	if strings.EqualFold(name, "UTF-8") {
		return &textEncoding{}, nil
	}
	e, err := htmlindex.Get(strings.ReplaceAll(strings.ToLower(name), "microsoft-", "windows-"))
	if cm, ok := e.(*charmap.Charmap); err == nil && ok {
		return &textEncoding{enc: cm}, nil
	}
	return nil, fmt.Errorf("%w: unknown encoding %q", ErrFormat, name)
}

func (t *textEncoding) decode(raw []byte) ([]byte, error) {
	if t.enc == nil {
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("%w: not UTF-8", ErrFormat)
		}
		return raw, nil
	}
	out, err := t.enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return out, nil
}

// reader returns r decoded to UTF-8.
func (t *textEncoding) reader(r io.Reader) io.Reader {
	if t.enc == nil {
		return r
	}
	return t.enc.NewDecoder().Reader(r)
}
