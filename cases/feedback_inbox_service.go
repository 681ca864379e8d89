package cases

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// Inbox is the admin web's feedback inbox: staff accounts list the ratings
// their scope covers, read each rating's thread, answer the resident (the
// answer goes through the outbox in the resident's channel, exactly as a
// Telegram manager's does) and mark ratings processed. Every method takes
// the staff account's id; the store applies its role and scope.
type Inbox[M any] struct {
	Store    InboxStore[M]
	Messages FeedbackMessages[M]
	City     vikno.City
	Now      func() time.Time
}

func (b *Inbox[M]) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// List returns one page of the ratings matching f, newest first, and
// whether more follow.
func (b *Inbox[M]) List(ctx context.Context, staffID int64, f InboxFilter) ([]Rating, bool, error) {
	limit := f.EffectiveLimit()
	f.Limit = limit + 1
	list, err := b.Store.InboxRatings(ctx, staffID, f)
	if err != nil {
		return nil, false, err
	}
	if len(list) > limit {
		return list[:limit], true, nil
	}
	return list, false, nil
}

// Export returns every rating matching f, up to MaxInboxExport, newest
// first.
func (b *Inbox[M]) Export(ctx context.Context, staffID int64, f InboxFilter) ([]Rating, error) {
	f.Offset, f.Limit = 0, MaxInboxExport
	return b.Store.InboxRatings(ctx, staffID, f)
}

// Rating returns a rating in the account's scope and its thread, oldest
// first; ENOTFOUND outside the scope.
func (b *Inbox[M]) Rating(ctx context.Context, staffID, id int64) (Rating, []ThreadMessage, error) {
	return b.Store.InboxRating(ctx, staffID, id)
}

// Answer sends the account's answer to the resident who left the rating,
// through the outbox, and adds it to the thread. ref identifies the answer
// form: the same form sent twice (a double click) answers once, and added
// is false the second time. ENOTFOUND outside the scope; EINVALID for an
// empty or too long answer or a malformed ref.
func (b *Inbox[M]) Answer(ctx context.Context, staffID, id int64, text, ref string) (r Rating, added bool, err error) {
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > MaxAnswerLen {
		return Rating{}, false, vikno.Errorf(vikno.EINVALID, "an answer must have 1 to %d characters", MaxAnswerLen)
	}
	if !ValidPayload(ref) || len(ref) > 40 {
		return Rating{}, false, vikno.Errorf(vikno.EINVALID, "the answer form is malformed; reload the page")
	}
	r, _, err = b.Store.InboxRating(ctx, staffID, id)
	if err != nil {
		return Rating{}, false, err
	}
	key := AnswerKey(r.ID, "web-"+ref)
	notice, err := b.Messages.Answer(ctx, key, r, text)
	if err != nil {
		return Rating{}, false, fmt.Errorf("answer notice: %w", err)
	}
	r, added, err = b.Store.InboxAnswer(ctx, staffID, id, ThreadMessage{Text: text, Key: key}, notice)
	if err != nil {
		return Rating{}, false, err
	}
	if added {
		b.Messages.Queued()
	}
	return r, added, nil
}

// MarkHandled marks a rating processed («Опрацьовано»); marking it again
// changes nothing (changed is false). ENOTFOUND outside the scope.
func (b *Inbox[M]) MarkHandled(ctx context.Context, staffID, id int64) (r Rating, changed bool, err error) {
	return b.Store.InboxMarkSeen(ctx, staffID, id)
}

// ScoreSummary sums up scores: how many, their mean and how many of each.
type ScoreSummary struct {
	Count   int
	Sum     int
	ByScore [MaxScore + 1]int
}

func (s *ScoreSummary) add(score, n int) {
	if score < MinScore || score > MaxScore {
		return
	}
	s.Count += n
	s.Sum += score * n
	s.ByScore[score] += n
}

// Average returns the mean score, 0 without ratings.
func (s ScoreSummary) Average() float64 {
	if s.Count == 0 {
		return 0
	}
	return float64(s.Sum) / float64(s.Count)
}

// Level returns how many ratings fall on a level of the satisfaction scale.
func (s ScoreSummary) Level(l Satisfaction) int {
	n := 0
	for score := MinScore; score <= MaxScore; score++ {
		if SatisfactionOf(score) == l {
			n += s.ByScore[score]
		}
	}
	return n
}

// Share returns the part of the ratings on level l, 0..1.
func (s ScoreSummary) Share(l Satisfaction) float64 {
	if s.Count == 0 {
		return 0
	}
	return float64(s.Level(l)) / float64(s.Count)
}

// WeekScores is one week (Monday to Sunday) of a location's ratings.
type WeekScores struct {
	Monday string // "2026-05-11"
	ScoreSummary
}

// LocationSummary is one location's part of an inbox summary: its scores
// and, for the chart, its weeks from the summary's first to its last.
type LocationSummary struct {
	LocationID string
	ScoreSummary
	Weeks []WeekScores
}

// InboxSummary sums up the ratings an inbox filter selects: all together,
// and per location over time.
type InboxSummary struct {
	Total      ScoreSummary
	ByLocation []LocationSummary // ordered by location id
	// FirstWeek and LastWeek bound the weeks of every location (Mondays);
	// empty without ratings.
	FirstWeek, LastWeek string
}

// MaxSummaryWeeks bounds the weeks a summary charts: the latest ones.
const MaxSummaryWeeks = 26

// Summary sums up the ratings matching f (paging aside): the 1–5 average
// and the four-level satisfaction scale, in total and per location, and per
// location week by week — the latest MaxSummaryWeeks weeks up to f.ToDay or
// today.
func (b *Inbox[M]) Summary(ctx context.Context, staffID int64, f InboxFilter) (InboxSummary, error) {
	f.Offset, f.Limit = 0, 0
	counts, err := b.Store.InboxScores(ctx, staffID, f)
	if err != nil {
		return InboxSummary{}, err
	}
	last := f.ToDay
	if last == "" {
		last = b.now().In(b.City.Loc()).Format(dayLayout)
	}
	return summarize(counts, f.FromDay, last), nil
}

func summarize(counts []ScoreCount, from, to string) InboxSummary {
	var out InboxSummary
	if len(counts) == 0 {
		return out
	}
	lastWeek, err := monday(to)
	if err != nil {
		return out
	}
	first := lastWeek.AddDate(0, 0, -7*(MaxSummaryWeeks-1))
	earliest := slices.MinFunc(counts, func(a, b ScoreCount) int { return strings.Compare(a.Day, b.Day) }).Day
	if from < earliest {
		from = earliest
	}
	if m, err := monday(from); err == nil && m.After(first) {
		first = m
	}
	weeks := int(lastWeek.Sub(first).Hours()/24/7) + 1
	out.FirstWeek, out.LastWeek = first.Format(dayLayout), lastWeek.Format(dayLayout)
	byLoc := map[string]*LocationSummary{}
	for _, c := range counts {
		out.Total.add(c.Score, c.Count)
		l := byLoc[c.LocationID]
		if l == nil {
			l = &LocationSummary{LocationID: c.LocationID, Weeks: make([]WeekScores, weeks)}
			for i := range l.Weeks {
				l.Weeks[i].Monday = first.AddDate(0, 0, 7*i).Format(dayLayout)
			}
			byLoc[c.LocationID] = l
		}
		l.add(c.Score, c.Count)
		if m, err := monday(c.Day); err == nil && !m.Before(first) && !m.After(lastWeek) {
			l.Weeks[int(m.Sub(first).Hours()/24/7+0.5)].add(c.Score, c.Count)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byLoc)) {
		out.ByLocation = append(out.ByLocation, *byLoc[id])
	}
	return out
}

// monday returns the Monday of the week of day.
func monday(day string) (time.Time, error) {
	t, err := time.Parse(dayLayout, day)
	if err != nil {
		return t, err
	}
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)), nil
}
