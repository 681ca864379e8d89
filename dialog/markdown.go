package dialog

import (
	"strings"
	"unicode"
)

// Markdown renders the knowledge base's Markdown subset as Text: paragraphs,
// "- " and "* " list items (shown as "• "), numbered items, **bold** and
// [links](https://...). Anything else is kept as plain text, so no input can
// produce markup a channel would interpret.
func Markdown(src string) Text {
	var out Text
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	blank := false
	for _, line := range lines {
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			blank = len(out) > 0
			continue
		}
		if len(out) > 0 {
			sep := "\n"
			if blank {
				sep = "\n\n"
			}
			out = append(out, Span{Text: sep})
		}
		blank = false
		out = append(out, inline(listItem(oneApostrophe(line)))...)
	}
	return mergeSpans(out)
}

// oneApostrophe writes every apostrophe inside a Ukrainian word as ’, the
// one the texts use: editors type ', ʼ and ` («зв'язок», «сім`я»).
func oneApostrophe(s string) string {
	if !strings.ContainsAny(s, "'ʼ`") {
		return s
	}
	r := []rune(s)
	for i := 1; i+1 < len(r); i++ {
		if (r[i] == '\'' || r[i] == 'ʼ' || r[i] == '`') && unicode.Is(unicode.Cyrillic, r[i-1]) && unicode.Is(unicode.Cyrillic, r[i+1]) {
			r[i] = '’'
		}
	}
	return string(r)
}

// listItem turns "- item" and "* item" into "• item" and trims headings'
// hashes.
func listItem(line string) string {
	t := strings.TrimLeft(line, " \t")
	indent := ""
	if len(line)-len(t) >= 2 {
		indent = "  "
	}
	switch {
	case strings.HasPrefix(t, "- "), strings.HasPrefix(t, "* "):
		return indent + "• " + strings.TrimSpace(t[2:])
	case strings.HasPrefix(t, "#"):
		return strings.TrimSpace(strings.TrimLeft(t, "#"))
	}
	return indent + t
}

// inline parses **bold** and [text](url) within one line.
func inline(s string) Text {
	var out Text
	bold := false
	for s != "" {
		i := strings.IndexAny(s, "*[")
		if i < 0 {
			out = append(out, Span{Text: s, Bold: bold})
			break
		}
		if i > 0 {
			out = append(out, Span{Text: s[:i], Bold: bold})
			s = s[i:]
		}
		switch {
		case strings.HasPrefix(s, "**"):
			bold = !bold
			s = s[2:]
		case s[0] == '[':
			if span, rest, ok := link(s, bold); ok {
				out = append(out, span)
				s = rest
				continue
			}
			out = append(out, Span{Text: "[", Bold: bold})
			s = s[1:]
		default:
			out = append(out, Span{Text: s[:1], Bold: bold})
			s = s[1:]
		}
	}
	return out
}

// link parses "[text](url)" at the start of s; only http(s) and tel links
// are accepted.
func link(s string, bold bool) (Span, string, bool) {
	end := strings.Index(s, "](")
	if end < 0 {
		return Span{}, s, false
	}
	close := strings.IndexByte(s[end+2:], ')')
	if close < 0 {
		return Span{}, s, false
	}
	text, url := s[1:end], strings.TrimSpace(s[end+2:end+2+close])
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "tel:") {
		return Span{}, s, false
	}
	return Span{Text: text, URL: url, Bold: bold}, s[end+3+close:], true
}

// mergeSpans joins neighbouring spans of the same style.
func mergeSpans(t Text) Text {
	var out Text
	for _, s := range t {
		if s.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Bold == s.Bold && out[n-1].URL == "" && s.URL == "" {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

// Split cuts t into parts of at most max characters, preferring paragraph
// boundaries, then line ends, then spaces; spans keep their style.
func Split(t Text, max int) []Text {
	if max <= 0 || runeLen(t) <= max {
		return []Text{t}
	}
	var parts []Text
	var cur Text
	n := 0
	for _, s := range t {
		for s.Text != "" {
			room := max - n
			r := []rune(s.Text)
			if len(r) <= room {
				cur, n = append(cur, s), n+len(r)
				break
			}
			cut := breakPoint(r[:room], n == 0)
			if cut > 0 {
				cur = append(cur, Span{Text: string(r[:cut]), Bold: s.Bold, URL: s.URL})
				s.Text = strings.TrimLeft(string(r[cut:]), "\n ")
			}
			parts = append(parts, trimText(cur))
			cur, n = nil, 0
		}
	}
	if len(cur) > 0 {
		parts = append(parts, trimText(cur))
	}
	return parts
}

// breakPoint returns where to cut r: after the last paragraph break, line
// break or space; 0 means "start a new part first" unless the part is empty,
// in which case the text is cut hard.
func breakPoint(r []rune, empty bool) int {
	s := string(r)
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(s, sep); i > 0 {
			return len([]rune(s[:i+len(sep)]))
		}
	}
	if empty {
		return len(r)
	}
	return 0
}

func trimText(t Text) Text {
	if n := len(t); n > 0 {
		t[n-1].Text = strings.TrimRight(t[n-1].Text, "\n ")
	}
	return t
}

func runeLen(t Text) int {
	n := 0
	for _, s := range t {
		n += len([]rune(s.Text))
	}
	return n
}
