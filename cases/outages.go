package cases

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// OutageKind is what an outage notice is about.
type OutageKind string

// Kinds of outage notices.
const (
	OutageHotWater    OutageKind = "hot_water"
	OutageColdWater   OutageKind = "cold_water"
	OutageHeating     OutageKind = "heating"
	OutageElectricity OutageKind = "electricity"
	OutageRoads       OutageKind = "roads" // roads and public transport
	OutageCNAP        OutageKind = "cnap"  // a CNAP closed
)

// OutageKinds lists every kind in the order residents see them.
var OutageKinds = []OutageKind{OutageHotWater, OutageColdWater, OutageHeating, OutageElectricity, OutageRoads, OutageCNAP}

// Outage states.
const (
	OutageActive   = "active"
	OutageRestored = "restored"
)

// Limits of an outage notice.
const (
	MaxOutageID     = 64
	MaxOutagePlaces = 50
	MaxStreetLen    = 80
)

// Outage is a planned or emergency outage notice from a dispatcher. Posting
// it again under the same ID updates it; every change that residents should
// read raises Version, and each version reaches each recipient once.
type Outage struct {
	ID        string // the dispatcher's id of the notice
	Kind      OutageKind
	Emergency bool
	Districts []string // vikno.District IDs
	Streets   []string // as the dispatcher wrote them («вул. Зелена»)
	From, To  time.Time
	Text      string
	Status    string // OutageActive or OutageRestored
	Version   int
	UpdatedAt time.Time
	// FanOutVersion is the version that has been queued for all its
	// residents; below Version, the fan-out is still to do or running.
	// FanOutQueued is how many residents the running or last fan-out
	// queued it for.
	FanOutVersion int
	FanOutQueued  int
}

// FannedOut reports whether the current version was queued for every
// resident it is for.
func (o Outage) FannedOut() bool { return o.FanOutVersion >= o.Version }

// Subscription is a resident's wish to get outage notices for a district,
// or only for one street of it.
type Subscription struct {
	ID         int64
	ResidentID int64
	District   string // vikno.District ID
	Street     string // as the resident wrote it; empty: the whole district
	StreetKey  string // Streets.Key of Street: one street is subscribed once
	CreatedAt  time.Time
}

// OutageStore keeps outage notices, subscriptions and who got which notice.
type OutageStore interface {
	// SaveOutage stores o under its ID. When the stored notice differs in
	// what residents read, Version is raised; it returns the stored notice.
	SaveOutage(ctx context.Context, o Outage) (Outage, error)
	FindOutage(ctx context.Context, id string) (Outage, error)
	// ActiveOutages returns the notices not restored whose end is after now
	// (or open), newest first.
	ActiveOutages(ctx context.Context, now time.Time) ([]Outage, error)
	// RecentOutages returns the notices changed since, newest first, at
	// most limit.
	RecentOutages(ctx context.Context, since time.Time, limit int) ([]Outage, error)
	// OutageRecipients returns the reachable residents the notice is for,
	// each once: those with a subscription match accepts (it is given the
	// subscriptions of the notice's districts and every street
	// subscription), and those who got an earlier version and still hold a
	// subscription.
	OutageRecipients(ctx context.Context, o Outage, match func(Subscription) bool) ([]NoticeRecipient, error)
	// RecordOutageRecipients remembers who a notice went to.
	RecordOutageRecipients(ctx context.Context, id string, residentIDs []int64) error
	// ClaimFanOut gives owner, until now+lease, one notice whose current
	// version is not fanned out yet and that no live claim holds, so that
	// one replica at a time fans a notice out and another resumes it when
	// that one dies. ENOTFOUND when there is none.
	ClaimFanOut(ctx context.Context, owner string, lease time.Duration) (Outage, error)
	// HoldFanOut records how many residents owner's fan-out has queued so
	// far and renews its claim. ECONFLICT when owner no longer holds it.
	HoldFanOut(ctx context.Context, id, owner string, queued int, lease time.Duration) error
	// FinishFanOut records that version reached all its residents (queued
	// of them) and ends owner's claim. ECONFLICT when owner no longer holds
	// it.
	FinishFanOut(ctx context.Context, id, owner string, version, queued int) error
	// Subscribe adds a subscription; an existing one is returned as it is.
	Subscribe(ctx context.Context, s Subscription) (Subscription, error)
	Subscriptions(ctx context.Context, residentID int64) ([]Subscription, error)
	// Unsubscribe removes one of the resident's subscriptions (ENOTFOUND
	// when there is no such subscription).
	Unsubscribe(ctx context.Context, residentID, id int64) error
}

// Validate checks an outage notice against the city; errors are EINVALID
// with a reason.
func (o *Outage) Validate(city vikno.City) error {
	o.ID = strings.TrimSpace(o.ID)
	if o.ID == "" || len(o.ID) > MaxOutageID || strings.ContainsFunc(o.ID, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return vikno.Errorf(vikno.EINVALID, "id must be 1 to %d printable ASCII characters", MaxOutageID)
	}
	if !slices.Contains(OutageKinds, o.Kind) {
		return vikno.Errorf(vikno.EINVALID, "kind must be one of hot_water, cold_water, heating, electricity, roads, cnap")
	}
	if o.Status == "" {
		o.Status = OutageActive
	}
	if o.Status != OutageActive && o.Status != OutageRestored {
		return vikno.Errorf(vikno.EINVALID, "status must be active or restored")
	}
	if len(o.Districts) == 0 && len(o.Streets) == 0 {
		return vikno.Errorf(vikno.EINVALID, "give districts or streets")
	}
	if len(o.Districts)+len(o.Streets) > MaxOutagePlaces {
		return vikno.Errorf(vikno.EINVALID, "at most %d districts and streets", MaxOutagePlaces)
	}
	for _, d := range o.Districts {
		if _, ok := city.District(d); !ok {
			return vikno.Errorf(vikno.EINVALID, "district %q is not a district of this city", d)
		}
	}
	for i, s := range o.Streets {
		s, err := CleanStreet(s)
		if err != nil {
			return err
		}
		o.Streets[i] = s
	}
	if !o.To.IsZero() && !o.From.IsZero() && o.To.Before(o.From) {
		return vikno.Errorf(vikno.EINVALID, "to must not be before from")
	}
	o.Text = strings.TrimSpace(o.Text)
	if utf8.RuneCountInString(o.Text) > MaxNoticeText || !utf8.ValidString(o.Text) {
		return vikno.Errorf(vikno.EINVALID, "text must be up to %d characters", MaxNoticeText)
	}
	return nil
}

// Ended reports whether the outage is active by its status although its
// end is before now: no notice to send, it is over (or its end is a typo).
func (o Outage) Ended(now time.Time) bool {
	return o.Status != OutageRestored && !o.To.IsZero() && o.To.Before(now)
}

// CleanStreet trims a street name and checks it: 2 to MaxStreetLen
// characters on one line.
func CleanStreet(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > MaxStreetLen || strings.ContainsFunc(s, unicode.IsControl) {
		return "", vikno.Errorf(vikno.EINVALID, "a street must be 2 to %d characters on one line", MaxStreetLen)
	}
	return s, nil
}

// Streets compares street names. Types holds the words naming a kind of
// street in the forms residents write them («вул.», «вулиці», «просп.»,
// from the text catalogue), dropped before comparing.
type Streets struct {
	Types map[string]bool
}

// Key is a street name in the form streets are compared in: lower case,
// one kind of apostrophe, without the street type or punctuation («вул.
// Зелена» and «зелена» give the same key).
func (st Streets) Key(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`' || r == '‘':
			return '\''
		case r == '\u0301':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-':
			return r
		}
		return ' '
	}, s)
	var words []string
	for _, w := range strings.Fields(s) {
		if !st.Types[w] {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// Same reports whether two street names are the same street: the shorter
// may leave out a first name («Шевченка» and «вул. Тараса Шевченка»), and
// a word may differ in its ending only («Зелена», «на Зеленій»).
func (st Streets) Same(a, b string) bool {
	wa, wb := strings.Fields(st.Key(a)), strings.Fields(st.Key(b))
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	wb = wb[len(wb)-len(wa):]
	for i := range wa {
		if !sameWord(wa[i], wb[i]) {
			return false
		}
	}
	return true
}

// sameWord reports whether two words differ at most in an ending of up to
// three letters, keeping a stem of at least three.
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n >= 3 && n >= max(len(ra), len(rb))-3
}

// Names reports whether the notice names the street.
func (st Streets) Names(o Outage, street string) bool {
	for _, s := range o.Streets {
		if st.Same(s, street) {
			return true
		}
	}
	return false
}

// Matches reports whether a subscription should get the notice: a whole
// district's subscription gets the notices of its district; a street's
// subscription gets those naming the street, and those for its whole
// district when the notice names no street.
func (st Streets) Matches(o Outage, s Subscription) bool {
	inDistrict := slices.Contains(o.Districts, s.District)
	if s.Street == "" {
		return inDistrict
	}
	return st.Names(o, s.Street) || (inDistrict && len(o.Streets) == 0)
}

// SameContent reports whether two versions read the same to residents.
func (o Outage) SameContent(p Outage) bool {
	return o.Kind == p.Kind && o.Emergency == p.Emergency && slices.Equal(o.Districts, p.Districts) &&
		slices.Equal(o.Streets, p.Streets) && o.From.Equal(p.From) && o.To.Equal(p.To) && o.Text == p.Text && o.Status == p.Status
}
