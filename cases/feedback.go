package cases

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// Aspect is what went wrong at a visit, as the national quality monitoring of
// administrative services asks it. Values are short ASCII codes, so that they
// fit in button data.
type Aspect string

// Aspects of a visit.
const (
	AspectWaiting    Aspect = "wait"   // waiting time
	AspectPoliteness Aspect = "polite" // politeness of the staff
	AspectCompetence Aspect = "skill"  // competence of the staff
	AspectPremises   Aspect = "place"  // the premises
	AspectResult     Aspect = "result" // the result of the service
)

// AllAspects returns the aspects in the order they are offered.
func AllAspects() []Aspect {
	return []Aspect{AspectWaiting, AspectPoliteness, AspectCompetence, AspectPremises, AspectResult}
}

// Valid reports whether a is a known aspect.
func (a Aspect) Valid() bool { return slices.Contains(AllAspects(), a) }

// RatingStatus is where a rating stands in a manager's inbox.
type RatingStatus string

// Rating statuses.
const (
	RatingNew      RatingStatus = "new"
	RatingSeen     RatingStatus = "seen" // a manager marked it processed
	RatingAnswered RatingStatus = "answered"
)

// Valid reports whether s is a known status.
func (s RatingStatus) Valid() bool {
	return s == RatingNew || s == RatingSeen || s == RatingAnswered
}

// Bounds of a score. A score up to LowScore is low: the resident is asked
// what went wrong and managers' alerts are marked.
const (
	MinScore = 1
	MaxScore = 5
	LowScore = 3
)

// MaxAlertedRevisions is how many times a day one resident's rating of a
// location alerts managers: changing it more often still saves it, but
// stops alerting, so that nobody can flood the managers' chats.
const MaxAlertedRevisions = 3

// Limits on free text, in characters.
const (
	MaxCommentLen = 1000
	MaxAnswerLen  = 2000
	MaxReplyLen   = 1000
)

// Rating is a resident's rating of a visit to a location, with what went wrong
// and a comment, and a manager's answer. A resident has at most one rating of
// a location per local calendar day: rating again the same day changes it.
type Rating struct {
	ID         int64
	ResidentID int64
	LocationID string
	// Point is where in the location the QR code hung: "" for the whole
	// location, "w3" for window 3.
	Point string
	// Day is the local calendar day of the rating in the city's time zone,
	// "2026-05-14".
	Day     string
	Score   int
	Aspects []Aspect
	Comment string
	Status  RatingStatus
	// Answer is the manager's latest answer to the resident; AnsweredBy is
	// that manager's id.
	Answer     string
	AnsweredBy int64
	AnsweredAt time.Time
	// Reply is the resident's latest reply to the manager's answer, and
	// RepliedAt when it came.
	Reply     string
	RepliedAt time.Time
	// Revision is 1 for a new rating and grows each time the resident
	// changes it.
	Revision  int
	CreatedAt time.Time
	UpdatedAt time.Time
	// Managers is how many active managers cover the location: set by
	// SubmitRating when it saves the rating, never stored.
	Managers int
}

// Low reports whether the score is low.
func (r Rating) Low() bool { return r.Score <= LowScore }

// Validate checks what a resident can set; it returns an EINVALID error.
func (r Rating) Validate() error {
	switch {
	case r.ResidentID == 0:
		return vikno.Errorf(vikno.EINVALID, "rating without a resident")
	case r.LocationID == "":
		return vikno.Errorf(vikno.EINVALID, "rating without a location")
	case !ValidPoint(r.Point):
		return vikno.Errorf(vikno.EINVALID, "bad rating point %q", r.Point)
	case r.Score < MinScore || r.Score > MaxScore:
		return vikno.Errorf(vikno.EINVALID, "score %d is not within %d..%d", r.Score, MinScore, MaxScore)
	case len(r.Aspects) > 0 && !r.Low():
		return vikno.Errorf(vikno.EINVALID, "what went wrong is asked only for scores up to %d", LowScore)
	case utf8.RuneCountInString(r.Comment) > MaxCommentLen:
		return vikno.Errorf(vikno.EINVALID, "comment longer than %d characters", MaxCommentLen)
	}
	seen := map[Aspect]bool{}
	for _, a := range r.Aspects {
		if !a.Valid() || seen[a] {
			return vikno.Errorf(vikno.EINVALID, "bad or repeated aspect %q", a)
		}
		seen[a] = true
	}
	return nil
}

// JoinAspects and SplitAspects store aspects as "wait,polite".
func JoinAspects(as []Aspect) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = string(a)
	}
	return strings.Join(s, ",")
}

// SplitAspects reverses JoinAspects.
func SplitAspects(s string) []Aspect {
	if s == "" {
		return nil
	}
	var out []Aspect
	for _, a := range strings.Split(s, ",") {
		out = append(out, Aspect(a))
	}
	return out
}

// RatingPoint is a place where residents rate a location: the QR code of a
// location's hall (Point "") or of one window ("w3"). Its Token is random, so
// a rating cannot be attributed to another location by editing a link.
type RatingPoint struct {
	Token      string
	LocationID string
	Point      string
	CreatedAt  time.Time
}

// Deep-link payload prefixes: "/start r_<token>" rates a point and
// "/start m_<token>" accepts a manager's invite.
const (
	RatePayloadPrefix   = "r_"
	InvitePayloadPrefix = "m_"
)

// Payload returns the deep-link payload of the point.
func (p RatingPoint) Payload() string { return RatePayloadPrefix + p.Token }

// tokenLen is the length of random tokens: 12 random bytes in base64url.
const tokenLen = 16

// NewToken returns a random token of 16 characters of A-Za-z0-9_- (96 bits).
func NewToken() string {
	b := make([]byte, 12)
	rand.Read(b) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ValidToken reports whether s has the shape of a token NewToken makes.
func ValidToken(s string) bool {
	if len(s) != tokenLen {
		return false
	}
	return ValidPayload(s)
}

// MaxPayloadLen is the longest deep-link payload Telegram accepts.
const MaxPayloadLen = 64

// ValidPayload reports whether s can be a Telegram deep-link payload: 1 to
// 64 characters of A-Za-z0-9_-.
func ValidPayload(s string) bool {
	if s == "" || len(s) > MaxPayloadLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !payloadChar(s[i]) {
			return false
		}
	}
	return true
}

// CleanPayload returns the characters of s a payload may hold, at most
// MaxPayloadLen of them: a payload mangled on the way (a space or a line
// break pasted into a link) as it was meant, when it can be.
func CleanPayload(s string) string {
	b := make([]byte, 0, min(len(s), MaxPayloadLen))
	for i := 0; i < len(s) && len(b) < MaxPayloadLen; i++ {
		if payloadChar(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func payloadChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// WindowPoint returns the point of window n of a location.
func WindowPoint(n int) string { return fmt.Sprintf("w%d", n) }

// PointWindow returns the window of a point, or 0 for the whole location.
func PointWindow(point string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(point, "w"))
	if err != nil || !strings.HasPrefix(point, "w") {
		return 0
	}
	return n
}

// ValidPoint reports whether p is "" or a window "w1".."w999".
func ValidPoint(p string) bool {
	if p == "" {
		return true
	}
	n := PointWindow(p)
	return n >= 1 && n <= 999 && p == WindowPoint(n)
}
