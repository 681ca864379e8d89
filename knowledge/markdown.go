package knowledge

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/vikno-city/vikno"
)

// Front matter keys of an article file.
var frontMatterKeys = []string{"id", "title", "questions", "tags", "category", "locale", "action", "published"}

var (
	validID     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	validAction = regexp.MustCompile(`^((book|appeal):[a-z0-9][a-z0-9_-]*|queue|status)$`)
	yamlLine    = regexp.MustCompile(`line (\d+)`)
)

// maxIDLen keeps ids usable in Telegram callback data (64 bytes).
const maxIDLen = 48

// FileError is a problem in one knowledge-base file: its name and line, and
// what is wrong as one of this package's fixed English formats with its
// arguments, so that a surface in another language (the admin web) can say
// it in its own words. It unwraps to an EINVALID *vikno.Error whose message,
// "name:line: text", is safe to show to the editor who wrote the file.
type FileError struct {
	Name   string
	Line   int
	Format string
	Args   []any
}

func (e *FileError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the application error.
func (e *FileError) Unwrap() error {
	return vikno.Errorf(vikno.EINVALID, "%s:%d: %s", e.Name, e.Line, fmt.Sprintf(e.Format, e.Args...))
}

// fileError returns the FileError of file name at line; a problem (the
// error of a front matter key) keeps its own format.
func fileError(name string, line int, format string, args ...any) error {
	var p *problem
	if format == "%s" && len(args) == 1 {
		if err, ok := args[0].(error); ok && errors.As(err, &p) {
			format, args = p.format, p.args
		}
	}
	return &FileError{Name: name, Line: line, Format: format, Args: args}
}

// problem is what is wrong with one front matter key, before the file and
// line are known.
type problem struct {
	format string
	args   []any
}

func problemf(format string, args ...any) *problem { return &problem{format, args} }

func (p *problem) Error() string { return fmt.Sprintf(p.format, p.args...) }

// ParseArticle reads one article file: YAML front matter between "---" lines,
// then the Markdown body. name is used in error messages (a path relative to
// the knowledge-base folder). Errors are *vikno.Error with code EINVALID and a
// message "name:line: what is wrong": bad YAML, a missing id or title, an id
// that is not [a-z0-9-], an unknown locale, action or key. Locale defaults
// to uk and published to true.
func ParseArticle(name string, data []byte) (Article, error) {
	a, _, err := parseArticle(name, data)
	return a, err
}

// keyLines are the file lines an article's front matter keys are on, and the
// line its body starts on under "body".
type keyLines map[string]int

// parseArticle is ParseArticle that also returns the lines of the keys.
func parseArticle(name string, data []byte) (Article, keyLines, error) {
	front, frontLine, body, bodyLine, err := splitFrontMatter(name, data)
	if err != nil {
		return Article{}, nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		// Editors write titles as sites do, «Паркування: порядок оплати»,
		// which YAML reads as a nested key. Such values are quoted and the
		// file read again; what still fails is reported as written.
		doc = yaml.Node{}
		if yaml.Unmarshal(quotePlainValues(front), &doc) != nil {
			return Article{}, nil, yamlError(name, frontLine, err)
		}
	}
	a := Article{Locale: LocaleUK, Published: true, Body: body}
	at := keyLines{"body": bodyLine}
	if err := decodeFrontMatter(name, frontLine, &doc, &a, at); err != nil {
		return Article{}, nil, err
	}
	return a, at, nil
}

// plainValue is a "key: value" or "- item" line of the front matter.
var plainValue = regexp.MustCompile(`^(\s*(?:[A-Za-z_]+:|-)[ \t]+)(.*\S)\s*$`)

// quotePlainValues double-quotes the values of "key: value" and "- item"
// lines that YAML would not read as one plain string (they hold ": " or
// " #"), leaving values that are already quoted, lists, blocks and nested
// items alone.
func quotePlainValues(front []byte) []byte {
	lines := strings.SplitAfter(string(front), "\n")
	for i, line := range lines {
		m := plainValue.FindStringSubmatch(line)
		if m == nil || strings.ContainsAny(m[2][:1], `"'[{|>&*!%@`+"`") {
			continue
		}
		if !strings.Contains(m[2], ": ") && !strings.Contains(m[2], " #") && !strings.HasSuffix(m[2], ":") {
			continue
		}
		lines[i] = m[1] + strconv.Quote(m[2]) + "\n"
	}
	return []byte(strings.Join(lines, ""))
}

// splitFrontMatter returns the front matter, the file line it starts on,
// the body and the line the body starts on.
func splitFrontMatter(name string, data []byte) ([]byte, int, string, int, error) {
	if !utf8.Valid(data) {
		return nil, 0, "", 0, fileError(name, 1, "not UTF-8 text")
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return nil, 0, "", 0, fileError(name, 1, "front matter must start with a line \"---\"")
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") == "---" {
			front := strings.Join(lines[1:i], "")
			body := strings.TrimSpace(strings.Join(lines[i+1:], ""))
			first := i + 1 // the first line of the body that is not blank
			for first < len(lines)-1 && strings.TrimSpace(lines[first]) == "" {
				first++
			}
			return []byte(front), 2, body, first + 1, nil
		}
	}
	return nil, 0, "", 0, fileError(name, 1, "front matter is not closed by a line \"---\"")
}

// yamlError turns a yaml.v3 error into one that names the file line.
func yamlError(name string, frontLine int, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := frontLine
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = frontLine + n - 1
		msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
	}
	return fileError(name, line, "bad YAML: %s", msg)
}

// decodeFrontMatter fills a from the front matter mapping, key by key.
// It notes the line of each key in at.
func decodeFrontMatter(name string, frontLine int, doc *yaml.Node, a *Article, at keyLines) error {
	if len(doc.Content) == 0 {
		return fileError(name, frontLine, "empty front matter: id and title are required")
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return fileError(name, frontLine+m.Line-1, "front matter must be a mapping of keys to values")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		line := frontLine + key.Line - 1
		if seen[key.Value] {
			return fileError(name, line, "key %q given twice", key.Value)
		}
		seen[key.Value] = true
		at[key.Value] = line
		if err := decodeKey(key.Value, val, a); err != nil {
			var ie *itemError
			if errors.As(err, &ie) {
				line = frontLine + ie.line - 1
			}
			return fileError(name, line, "%s", err)
		}
	}
	return checkArticle(name, frontLine, a)
}

// decodeKey decodes the value of one front matter key into a.
func decodeKey(key string, val *yaml.Node, a *Article) error {
	switch key {
	case "id":
		return decodeString(key, val, &a.ID)
	case "title":
		return decodeString(key, val, &a.Title)
	case "category":
		return decodeString(key, val, &a.Category)
	case "locale":
		return decodeString(key, val, &a.Locale)
	case "action":
		return decodeString(key, val, &a.Action)
	case "questions":
		return decodeList(key, val, &a.Questions)
	case "tags":
		return decodeList(key, val, &a.Tags)
	case "published":
		if val.Kind != yaml.ScalarNode || val.Tag != "!!bool" {
			return problemf("published must be true or false")
		}
		return val.Decode(&a.Published)
	default:
		return problemf("unknown key %q (known: %s)", key, strings.Join(frontMatterKeys, ", "))
	}
}

func decodeString(key string, val *yaml.Node, dst *string) error {
	if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
		return problemf("%s must be a single line of text", key)
	}
	*dst = strings.TrimSpace(val.Value)
	return nil
}

func decodeList(key string, val *yaml.Node, dst *[]string) error {
	if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
		return nil
	}
	if val.Kind != yaml.SequenceNode {
		return problemf("%s must be a list", key)
	}
	for _, item := range val.Content {
		if item.Kind != yaml.ScalarNode || strings.TrimSpace(item.Value) == "" || item.Tag == "!!null" {
			return &itemError{line: item.Line, problem: problemf("%s: each item must be non-empty text", key)}
		}
		*dst = append(*dst, strings.TrimSpace(item.Value))
	}
	return nil
}

// checkArticle validates the decoded fields.
// ValidAction reports whether action is one an article's next-step button
// may have: book:<id>, appeal:<id>, queue or status (or empty).
func ValidAction(action string) bool { return action == "" || validAction.MatchString(action) }

func checkArticle(name string, line int, a *Article) error {
	switch {
	case a.ID == "":
		return fileError(name, line, "id is required")
	case !validID.MatchString(a.ID) || len(a.ID) > maxIDLen:
		return fileError(name, line, "id %q must be 1-%d characters a-z, 0-9 and -", a.ID, maxIDLen)
	case a.Title == "":
		return fileError(name, line, "title is required")
	case a.Locale != LocaleUK && a.Locale != LocaleEN:
		return fileError(name, line, "locale %q is not uk or en", a.Locale)
	case a.Action != "" && !validAction.MatchString(a.Action):
		return fileError(name, line, "action %q is not book:<id>, appeal:<id>, queue or status", a.Action)
	}
	return nil
}

// itemError is an error in one item of a list, which has a line of its own.
type itemError struct {
	line int
	*problem
}

func (e *itemError) Unwrap() error { return e.problem }
