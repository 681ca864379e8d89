package dialog_test

import (
	"context"
	"sync"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/dialog/dialogtest"
)

// trackedCases is a CaseTracker in memory.
type trackedCases struct {
	mu   sync.Mutex
	refs map[int64][]cases.TrackedCase
}

var _ dialog.CaseTracker = (*trackedCases)(nil)

func (t *trackedCases) TrackCase(_ context.Context, residentID int64, ref string) (cases.TrackedCase, []cases.DocumentsReady, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.refs == nil {
		t.refs = map[int64][]cases.TrackedCase{}
	}
	tc := cases.TrackedCase{ID: int64(len(t.refs[residentID]) + 1), ResidentID: residentID, Reference: ref}
	t.refs[residentID] = append(t.refs[residentID], tc)
	return tc, nil, nil
}

func (t *trackedCases) TrackedCases(_ context.Context, residentID int64) ([]cases.TrackedCase, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]cases.TrackedCase(nil), t.refs[residentID]...), nil
}

func (t *trackedCases) UntrackCase(context.Context, int64, int64) error {
	return vikno.Errorf(vikno.ENOTFOUND, "no such case")
}

func (t *trackedCases) all() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, list := range t.refs {
		for _, tc := range list {
			out = append(out, tc.Reference)
		}
	}
	return out
}

// Only what looks like a case reference is tracked: a greeting is asked
// again with an example, a sentence with one reference gives it.
func TestTrackingAcceptsOnlyWhatLooksLikeAReference(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine()
	tracker := &trackedCases{}
	dialog.RegisterTracking(e, tracker, city)
	dialogtest.Converse(t, e,
		step{Action: "menu:track", Want: []string{"Введіть номер справи"}},
		step{Text: "привіт", Want: []string{"не схоже на номер справи", "ЦН-2026-01234"}, Not: []string{"додано", "ПРИВІТ"}},
		step{Text: "коли будуть готові мої документи?", Want: []string{"не схоже на номер справи"}},
		step{Text: "моя справа цн-2026-01234, дякую", Want: []string{"Справу ЦН-2026-01234 додано"}},
	)
	dialogtest.Converse(t, e,
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Action: "menu:track"},
		step{In: dialog.Update{Locale: "en", UserID: "en"}, Text: "hello there", Want: []string{"does not look like a case number", "ЦН-2026-01234"}},
	)
	if got := tracker.all(); len(got) != 1 || got[0] != "ЦН-2026-01234" {
		t.Fatalf("tracked %q, want only ЦН-2026-01234", got)
	}
}

// «чи готовий мій паспорт?», «коли будуть готові документи?» asked outside
// a flow open the tracking of a case, which asks its number, instead of
// articles about appeals; a question about what documents to bring stays
// a question.
func TestAskingWhetherDocumentsAreReadyTracksTheCase(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine()
	kb := withFAQ(e)
	dialog.RegisterTracking(e, &trackedCases{}, city)
	for _, q := range []string{"добрий день, а як мені дізнатися чи готовий мій паспорт?", "коли будуть готові мої документи?", "Is my passport ready?"} {
		dialogtest.Converse(t, e, step{Text: "меню"}, step{Text: q, Want: []string{"ЦН-2026-01234"}})
	}
	if q := kb.questions(); len(q) != 0 {
		t.Fatalf("the knowledge base was asked %q", q)
	}
	dialogtest.Converse(t, e, step{Text: "меню"}, step{Text: "які документи готувати на паспорт?"})
	if q := kb.questions(); len(q) != 1 {
		t.Fatalf("asked %q, want the question", q)
	}
}

// A case number typed alone outside any flow («ЦН-2026-01234», as on the
// receipt) is tracked, not searched for in the articles; a bare number or
// an appeal's number is no case number.
func TestACaseNumberTypedAloneIsTracked(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine()
	kb := withFAQ(e)
	tracker := &trackedCases{}
	dialog.RegisterTracking(e, tracker, city)
	dialogtest.Converse(t, e,
		step{Text: "меню"},
		step{Text: "ЦН-2026-01234", Want: []string{"Справу ЦН-2026-01234 додано"}},
		step{Text: "меню"},
		step{Text: "12"},
	)
	if got := tracker.all(); len(got) != 1 || got[0] != "ЦН-2026-01234" {
		t.Fatalf("tracked %q, want only ЦН-2026-01234", got)
	}
	if q := kb.questions(); len(q) != 1 || q[0] != "12" {
		t.Fatalf("the knowledge base was asked %q, want only «12»", q)
	}
}
