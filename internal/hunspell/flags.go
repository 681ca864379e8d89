package hunspell

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Flag types of the FLAG directive.
const (
	flagChar = iota // one byte a flag (the default)
	flagLong        // two characters a flag
	flagNum         // decimal numbers separated by commas
	flagUTF8        // one character a flag
)

// maxFlags is the most distinct flags a dictionary may use: each becomes a
// rune of the private use area.
const maxFlags = 6400

// flagCodec turns flags as written into runes, one a flag, numbered in the
// order they are first seen, so that a word's flags are a short string and a
// flag test is strings.ContainsRune whatever the flag type.
type flagCodec struct {
	kind    int
	ids     map[string]rune
	aliases []string // AF: alias n (1-based) is aliases[n-1], already decoded
}

func newFlagCodec() *flagCodec { return &flagCodec{ids: map[string]rune{}} }

// setKind reads the argument of FLAG.
func (c *flagCodec) setKind(arg string) error {
	switch strings.ToLower(arg) {
	case "long":
		c.kind = flagLong
	case "num":
		c.kind = flagNum
	case "utf-8", "utf8":
		c.kind = flagUTF8
	default:
		return fmt.Errorf("%w: unknown FLAG type %q", ErrFormat, arg)
	}
	return nil
}

// id returns the rune of one flag as written.
func (c *flagCodec) id(name string) (rune, error) {
	if r, ok := c.ids[name]; ok {
		return r, nil
	}
	if len(c.ids) >= maxFlags {
		return 0, fmt.Errorf("%w: more than %d flags", ErrFormat, maxFlags)
	}
	r := rune(0xE000 + len(c.ids))
	c.ids[name] = r
	return r, nil
}

// decode turns a flag field as written into one rune a flag; with aliases
// (AF), a field of digits is the number of an alias.
func (c *flagCodec) decode(field string) (string, error) {
	if len(c.aliases) > 0 {
		if n, err := strconv.Atoi(field); err == nil {
			if n < 1 || n > len(c.aliases) {
				return "", fmt.Errorf("%w: flag alias %d of %d", ErrFormat, n, len(c.aliases))
			}
			return c.aliases[n-1], nil
		}
	}
	return c.decodeFlags(field)
}

// decodeFlags turns flags as written into runes, ignoring AF.
func (c *flagCodec) decodeFlags(field string) (string, error) {
	names, err := c.split(field)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var seen flagSet
	for _, n := range names {
		r, err := c.id(n)
		if err != nil {
			return "", err
		}
		if seen.add(r) {
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}

// flagSet is a set of flag runes (see flagCodec.id).
type flagSet [(maxFlags + 63) / 64]uint64

// add puts r in the set and reports whether it was new.
func (s *flagSet) add(r rune) bool {
	i := int(r - 0xE000)
	if i < 0 || i >= maxFlags {
		return false
	}
	if s[i/64]&(1<<(i%64)) != 0 {
		return false
	}
	s[i/64] |= 1 << (i % 64)
	return true
}

// union returns the flags of a followed by those of b that a lacks.
func union(a, b string) string {
	if a == "" || a == b {
		return b
	}
	var seen flagSet
	for _, r := range a {
		seen.add(r)
	}
	out := a
	for _, r := range b {
		if seen.add(r) {
			out += string(r)
		}
	}
	return out
}

// one decodes a field that must hold exactly one flag (SFX, NEEDAFFIX, ...).
func (c *flagCodec) one(field string) (rune, error) {
	names, err := c.split(field)
	if err != nil {
		return 0, err
	}
	if len(names) != 1 {
		return 0, fmt.Errorf("%w: %q is not one flag", ErrFormat, field)
	}
	return c.id(names[0])
}

// split cuts a flag field into the flags as written.
func (c *flagCodec) split(field string) ([]string, error) {
	var out []string
	switch c.kind {
	case flagLong:
		rs := []rune(field)
		if len(rs)%2 != 0 {
			return nil, fmt.Errorf("%w: odd long flags %q", ErrFormat, field)
		}
		for i := 0; i < len(rs); i += 2 {
			out = append(out, string(rs[i:i+2]))
		}
	case flagNum:
		for _, f := range strings.Split(field, ",") {
			if _, err := strconv.ParseUint(f, 10, 16); err != nil {
				return nil, fmt.Errorf("%w: numeric flag %q", ErrFormat, f)
			}
			out = append(out, f)
		}
	case flagUTF8:
		if !utf8.ValidString(field) {
			return nil, fmt.Errorf("%w: flags %q are not UTF-8", ErrFormat, field)
		}
		for _, r := range field {
			out = append(out, string(r))
		}
	default:
		for i := 0; i < len(field); i++ {
			out = append(out, field[i:i+1])
		}
	}
	return out, nil
}
