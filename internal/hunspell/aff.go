package hunspell

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// affix is one PFX or SFX rule: a word with the flag that ends (begins) with
// strip and matches cond takes add in place of strip.
type affix struct {
	flag  rune
	cross bool // combines with affixes of the other kind
	strip string
	add   string
	cond  condition
}

// maxAffFile is the largest affix file read; real ones are a few hundred
// kilobytes.
const maxAffFile = 32 << 20

// affParser holds the state of reading an affix file.
type affParser struct {
	d       *Dictionary
	flags   *flagCodec
	pending map[string]int  // rules still to come under the last header of each PFX/SFX flag
	cross   map[string]bool // cross product of each PFX/SFX flag
	afLeft  int             // AF lines still to come
	line    int
}

// parseAff reads the affix file into d and returns the codec of its flags and
// its encoding, which the word list shares.
func (d *Dictionary) parseAff(r io.Reader) (*textEncoding, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxAffFile+1))
	if err != nil {
		return nil, fmt.Errorf("hunspell: read affix file: %w", err)
	}
	if len(raw) > maxAffFile {
		return nil, fmt.Errorf("%w: affix file over %d bytes", ErrFormat, maxAffFile)
	}
	enc, err := encodingOf(raw)
	if err != nil {
		return nil, err
	}
	text, err := enc.decode(raw)
	if err != nil {
		return nil, err
	}
	p := &affParser{d: d, flags: newFlagCodec(), pending: map[string]int{}, cross: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		p.line++
		if err := p.parseLine(strings.TrimPrefix(sc.Text(), "\uFEFF")); err != nil {
			return nil, fmt.Errorf("hunspell: affix file line %d: %w", p.line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: affix file: %v", ErrFormat, err)
	}
	enc.flags = p.flags
	return enc, nil
}

func (p *affParser) parseLine(line string) error {
	f := strings.Fields(line)
	if len(f) == 0 || strings.HasPrefix(f[0], "#") {
		return nil
	}
	switch f[0] {
	case "FLAG":
		return p.withArg(f, p.flags.setKind)
	case "AF":
		return p.alias(f)
	case "IGNORE":
		return p.withArg(f, func(s string) error { p.d.ignore = strings.ToLower(s); return nil })
	case "NEEDAFFIX":
		return p.withArg(f, func(s string) (err error) { p.d.needAffix, err = p.flags.one(s); return err })
	case "FORBIDDENWORD":
		return p.withArg(f, func(s string) (err error) { p.d.forbidden, err = p.flags.one(s); return err })
	case "PFX", "SFX":
		return p.affixLine(f)
	}
	return nil // other directives do not change which forms a word has
}

func (p *affParser) withArg(f []string, set func(string) error) error {
	if len(f) < 2 {
		return fmt.Errorf("%w: %s without an argument", ErrFormat, f[0])
	}
	return set(f[1])
}

// alias reads an AF line: the count first, then one flag set a line.
func (p *affParser) alias(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("%w: AF without an argument", ErrFormat)
	}
	if p.afLeft == 0 && len(p.flags.aliases) == 0 {
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 0 || n > 1<<20 {
			return fmt.Errorf("%w: AF count %q", ErrFormat, f[1])
		}
		p.afLeft = n
		return nil
	}
	if p.afLeft == 0 {
		return fmt.Errorf("%w: more AF lines than announced", ErrFormat)
	}
	flags, err := p.flags.decodeFlags(f[1])
	if err != nil {
		return err
	}
	p.flags.aliases = append(p.flags.aliases, flags)
	p.afLeft--
	return nil
}

// affixLine reads a PFX or SFX header ("SFX A Y 3") or rule
// ("SFX A ь е ь").
func (p *affParser) affixLine(f []string) error {
	if len(f) < 4 {
		return fmt.Errorf("%w: %s line with %d fields", ErrFormat, f[0], len(f))
	}
	key := f[0] + " " + f[1]
	if p.pending[key] == 0 {
		n, err := strconv.Atoi(f[3])
		if err != nil || n < 0 || (f[2] != "Y" && f[2] != "N") {
			return fmt.Errorf("%w: %s header %q", ErrFormat, f[0], strings.Join(f, " "))
		}
		p.pending[key], p.cross[key] = n, f[2] == "Y"
		return nil
	}
	p.pending[key]--
	a, err := p.rule(f, p.cross[key])
	if err != nil {
		return err
	}
	if f[0] == "SFX" {
		p.d.suffixes[a.add] = append(p.d.suffixes[a.add], a)
	} else {
		p.d.prefixes[a.add] = append(p.d.prefixes[a.add], a)
	}
	return nil
}

// rule reads the fields of one affix rule. Flags after the added text
// (twofold affixes) are not used.
func (p *affParser) rule(f []string, cross bool) (*affix, error) {
	flag, err := p.flags.one(f[1])
	if err != nil {
		return nil, err
	}
	add, _, _ := strings.Cut(f[3], "/")
	cond := "."
	if len(f) > 4 {
		cond = f[4]
	}
	c, err := parseCondition(cond)
	if err != nil {
		return nil, err
	}
	return &affix{flag: flag, cross: cross, strip: p.d.clean(zero(f[2])), add: p.d.clean(zero(add)), cond: c}, nil
}

// zero reads the "0" that stands for no text.
func zero(s string) string {
	if s == "0" {
		return ""
	}
	return s
}
