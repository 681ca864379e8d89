package cases_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
)

func ratingCity(t *testing.T) vikno.City {
	t.Helper()
	c, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRatingValidate(t *testing.T) {
	ok := cases.Rating{ResidentID: 1, LocationID: "cnap-center", Score: 2, Aspects: []cases.Aspect{cases.AspectWaiting}}
	tests := []struct {
		name   string
		change func(r *cases.Rating)
		valid  bool
	}{
		{"LowWithAspects", func(*cases.Rating) {}, true},
		{"HighWithoutAspects", func(r *cases.Rating) { r.Score, r.Aspects = 5, nil }, true},
		{"WindowPoint", func(r *cases.Rating) { r.Point = "w12" }, true},
		{"ScoreZero", func(r *cases.Rating) { r.Score = 0 }, false},
		{"ScoreSix", func(r *cases.Rating) { r.Score = 6 }, false},
		{"AspectsOfAHighScore", func(r *cases.Rating) { r.Score = 4 }, false},
		{"UnknownAspect", func(r *cases.Rating) { r.Aspects = []cases.Aspect{"smell"} }, false},
		{"RepeatedAspect", func(r *cases.Rating) { r.Aspects = []cases.Aspect{"wait", "wait"} }, false},
		{"LongComment", func(r *cases.Rating) { r.Comment = strings.Repeat("я", cases.MaxCommentLen+1) }, false},
		{"CommentAtTheLimit", func(r *cases.Rating) { r.Comment = strings.Repeat("я", cases.MaxCommentLen) }, true},
		{"NoResident", func(r *cases.Rating) { r.ResidentID = 0 }, false},
		{"BadPoint", func(r *cases.Rating) { r.Point = "w0" }, false},
		{"PointWithLeadingZero", func(r *cases.Rating) { r.Point = "w01" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.change(&r)
			err := r.Validate()
			if (err == nil) != tt.valid || (err != nil && vikno.ErrorCode(err) != vikno.EINVALID) {
				t.Fatalf("Validate = %v, want valid %v", err, tt.valid)
			}
		})
	}
}

func TestTokensAndPayloads(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok := cases.NewToken()
		if !cases.ValidToken(tok) || seen[tok] {
			t.Fatalf("token %q invalid or repeated", tok)
		}
		seen[tok] = true
		p := cases.RatingPoint{Token: tok}.Payload()
		if !cases.ValidPayload(p) || len(p) > cases.MaxPayloadLen {
			t.Fatalf("payload %q", p)
		}
	}
	for _, bad := range []string{"", "short", "r_" + strings.Repeat("a", 63), "абвгдеєжзиіїйклм", "AbCdEfGhIjKlMn/p"} {
		if cases.ValidToken(bad) {
			t.Errorf("ValidToken(%q) = true", bad)
		}
	}
	if cases.ValidPayload(strings.Repeat("a", 65)) || !cases.ValidPayload(strings.Repeat("a", 64)) {
		t.Error("the payload limit is 64 characters")
	}
}

// CleanPayload keeps what a payload may hold, so that a link mangled on
// the way opens what it meant.
func TestCleanPayload(t *testing.T) {
	for in, want := range map[string]string{
		"r_abc-DEF_12\n":        "r_abc-DEF_12",
		" r_ab cd ":             "r_abcd",
		"r_абв<script>":         "r_script",
		strings.Repeat("a", 70): strings.Repeat("a", 64),
		"":                      "",
	} {
		if got := cases.CleanPayload(in); got != want || got != "" && !cases.ValidPayload(got) {
			t.Errorf("CleanPayload(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinks(t *testing.T) {
	if got := cases.TelegramLink("@vikno_bot", "r_x"); got != "https://t.me/vikno_bot?start=r_x" {
		t.Errorf("TelegramLink = %q", got)
	}
	if got := cases.ViberLink("vikno city", "r_x"); got != "viber://pa?chatURI=vikno+city&context=r_x" {
		t.Errorf("ViberLink = %q", got)
	}
}

func TestCheckScope(t *testing.T) {
	city := ratingCity(t)
	tests := []struct {
		level cases.Level
		scope string
		want  string // "" means an error
	}{
		{cases.LevelLocation, "cnap-center", "cnap-center"},
		{cases.LevelLocation, "lviv", ""},
		{cases.LevelRegion, "lviv", "lviv"},
		{cases.LevelRegion, "lviv-oblast", "lviv-oblast"},
		{cases.LevelRegion, "vynnyky", "vynnyky"},
		{cases.LevelRegion, "ua", ""},
		{cases.LevelRegion, "cnap-center", ""},
		{cases.LevelCountry, "", "ua"},
		{cases.LevelCountry, "ua", "ua"},
		{cases.LevelCountry, "lviv", ""},
		{0, "lviv", ""},
		{4, "ua", ""},
	}
	for _, tt := range tests {
		got, err := cases.CheckScope(city, tt.level, tt.scope)
		if got != tt.want || (tt.want == "") != (err != nil) {
			t.Errorf("CheckScope(%d, %q) = %q, %v; want %q", tt.level, tt.scope, got, err, tt.want)
		}
	}
}

func TestCoversAndLocationRegions(t *testing.T) {
	city := ratingCity(t)
	regions := cases.LocationRegions(city)
	if got := regions["cnap-vynnyky"]; !slices.Equal(got, []string{"ua", "lviv-oblast", "vynnyky"}) {
		t.Errorf("regions of cnap-vynnyky = %v", got)
	}
	tests := []struct {
		m    cases.Manager
		loc  string
		want bool
	}{
		{cases.Manager{Level: 1, Scope: "cnap-center"}, "cnap-center", true},
		{cases.Manager{Level: 1, Scope: "cnap-center"}, "cnap-sykhiv", false},
		{cases.Manager{Level: 2, Scope: "lviv"}, "cnap-sykhiv", true},
		{cases.Manager{Level: 2, Scope: "lviv"}, "cnap-vynnyky", false},
		{cases.Manager{Level: 2, Scope: "lviv-oblast"}, "cnap-vynnyky", true},
		{cases.Manager{Level: 2, Scope: "volyn-oblast"}, "cnap-center", false},
		{cases.Manager{Level: 3, Scope: "ua"}, "cnap-zashkiv", true},
		{cases.Manager{Level: 3, Scope: "ua", RevokedAt: time.Now()}, "cnap-zashkiv", false},
	}
	for _, tt := range tests {
		if got := cases.Covers(city, tt.m, tt.loc); got != tt.want {
			t.Errorf("Covers(level %d %s, %s) = %v", tt.m.Level, tt.m.Scope, tt.loc, got)
		}
	}
}

// digestStore serves managers and digests; other methods are not used.
type digestStore struct {
	cases.FeedbackStore[string]
	managers []cases.Manager
}

func (s digestStore) ListManagers(context.Context) ([]cases.Manager, error) { return s.managers, nil }

func (s digestStore) RatingDigest(_ context.Context, id int64, day string) (cases.Digest, error) {
	if id == 2 { // a manager whose scope had no ratings
		return cases.Digest{Day: day}, nil
	}
	return cases.Digest{Day: day, ByLocation: []cases.LocationDigest{{LocationID: "cnap-center", Count: 2, Sum: 6, Low: 1}}}, nil
}

// digestMessages records queued digests.
type digestMessages struct {
	mu   sync.Mutex
	keys []string
}

func (m *digestMessages) Alert(string, cases.Rating, cases.Manager) (string, error) { return "", nil }
func (m *digestMessages) Answer(context.Context, string, cases.Rating, string) (string, error) {
	return "", nil
}
func (m *digestMessages) Reply(string, cases.Rating, cases.Manager) (string, error) { return "", nil }
func (m *digestMessages) Queued()                                                   {}
func (m *digestMessages) Digest(_ context.Context, key string, _ cases.Manager, d cases.Digest) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys = append(m.keys, key)
	return nil
}

func (m *digestMessages) sent() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.keys)
}

func TestDigestsRunAtTheHourOncePerDay(t *testing.T) {
	city := ratingCity(t)
	var now atomic.Pointer[time.Time]
	set := func(s string) {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, city.Loc())
		if err != nil {
			t.Fatal(err)
		}
		now.Store(&tm)
	}
	set("2026-05-14 07:59")
	msgs := &digestMessages{}
	fb := &cases.Feedback[string]{City: city, Messages: msgs, Now: func() time.Time { return *now.Load() },
		Store: digestStore{managers: []cases.Manager{{ID: 1}, {ID: 2}, {ID: 3, RevokedAt: time.Now()}}}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { fb.RunDigests(ctx, 8, time.Millisecond); close(done) }()
	defer func() { cancel(); <-done }()

	wait := func(want ...string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !slices.Equal(msgs.sent(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("digests = %v, want %v", msgs.sent(), want)
			}
			time.Sleep(time.Millisecond)
		}
	}
	time.Sleep(20 * time.Millisecond)
	wait() // before the hour: nothing
	set("2026-05-14 08:00")
	wait("digest:2026-05-13:manager:1")
	set("2026-05-14 19:30")
	time.Sleep(20 * time.Millisecond)
	wait("digest:2026-05-13:manager:1") // once a day
	set("2026-05-15 08:01")
	wait("digest:2026-05-13:manager:1", "digest:2026-05-14:manager:1")
}
