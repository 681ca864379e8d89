package knowledge

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// MaxBody is the longest answer text, in characters, an article may have.
// The bot gives a confident answer in one message, and Telegram's is the
// shortest a resident reads it in: 4096 characters (UTF-16 units, an emoji
// takes two), which also hold the title, the next step and «Чи допомогла
// відповідь?». 3000 leaves room for those and some emoji, and is already
// four or five phone screens: a longer text is several answers, better
// split into articles of their own than cut by the channel mid-sentence.
const MaxBody = 3000

// MaxTitle is the longest title, in characters: the title is the question
// the article answers, and heads the answer in the same chat message.
const MaxTitle = 200

// Kinds of Fault: the rules of a city an article can break.
const (
	FaultBodyLong  = "body_long"       // the body is longer than MaxBody
	FaultTitleLong = "title_long"      // the title is longer than MaxTitle
	FaultService   = "action_service"  // book:<id> names no bookable service
	FaultCategory  = "action_category" // appeal:<id> names no appeal category
	FaultAction    = "action_bad"      // the action is none of the known ones
)

// Fault is a rule of the city that an article breaks, found by CityFault.
type Fault struct {
	Kind string // FaultBodyLong, FaultService, FaultCategory or FaultAction
	Key  string // the front matter key it is on, "body" for the body
	Arg  string // the action's service or category id, or the action
	Len  int    // the body's or title's length in characters (FaultBodyLong, FaultTitleLong)
}

// Error says what is wrong in English; the admin web says it in the
// editor's language from Kind, Arg and Len.
func (f *Fault) Error() string {
	switch f.Kind {
	case FaultBodyLong:
		return fmt.Sprintf("the body has %d characters, more than %d: shorten it or split it into several articles", f.Len, MaxBody)
	case FaultTitleLong:
		return fmt.Sprintf("the title has %d characters, more than %d: a title is the question the article answers", f.Len, MaxTitle)
	case FaultService:
		return fmt.Sprintf("action book:%s: the city has no service %q that can be booked", f.Arg, f.Arg)
	case FaultCategory:
		return fmt.Sprintf("action appeal:%s: the city has no appeal category %q", f.Arg, f.Arg)
	}
	return fmt.Sprintf("action %q is not book:<service>, appeal:<category>, queue or status", f.Arg)
}

// CityFault returns the first rule of city that a breaks, or nil: its title
// is longer than MaxTitle, its body longer than MaxBody, or, when it is published, its next-step button
// names a service that cannot be booked or an appeal category the city does
// not have (a draft, or an article being taken down, may keep a wrong
// one: residents see the button of a published article only). The article
// editor, the admin's import and `vikno kb import` all apply it.
func CityFault(a Article, city vikno.City) *Fault {
	if n := utf8.RuneCountInString(strings.TrimSpace(a.Title)); n > MaxTitle {
		return &Fault{Kind: FaultTitleLong, Key: "title", Len: n}
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(a.Body)); n > MaxBody {
		return &Fault{Kind: FaultBodyLong, Key: "body", Len: n}
	}
	if a.Action == "" || !a.Published {
		return nil
	}
	kind, arg, _ := strings.Cut(a.Action, ":")
	switch {
	case kind == "book":
		if s, ok := city.Service(arg); !ok || !s.Bookable {
			return &Fault{Kind: FaultService, Key: "action", Arg: arg}
		}
	case kind == "appeal":
		if _, _, ok := city.Category(arg); !ok {
			return &Fault{Kind: FaultCategory, Key: "action", Arg: arg}
		}
	case a.Action != "queue" && a.Action != "status":
		return &Fault{Kind: FaultAction, Key: "action", Arg: a.Action}
	}
	return nil
}
