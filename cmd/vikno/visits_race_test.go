package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

// TestLastThreeSeatsOnSQLite and ...OnPostgres: 200 residents, each at the
// confirmation of the same time at cnap-vyhovskoho (3 booking windows),
// press "Підтвердити" at once. Exactly 3 are booked; the 197 others are told
// politely that the time was just taken and offered the nearest free times.
func TestLastThreeSeatsOnSQLite(t *testing.T) { testLastThreeSeats(t, testConfig(t)) }

func TestLastThreeSeatsOnPostgres(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	testLastThreeSeats(t, cfg)
}

func testLastThreeSeats(t *testing.T, cfg configs.Config) {
	const n = 200
	m := runVisitsMain(t, cfg)
	ctx := context.Background()
	say := func(user string, u dialog.Update) []dialog.Reply {
		u.Channel, u.UserID = vikno.Web, user
		r, err := m.Handler.Handle(ctx, u)
		if err != nil {
			t.Error(err)
		}
		return r
	}
	// Bring everyone to the confirmation, eight at a time.
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			user := fmt.Sprint("racer-", i)
			for _, a := range []string{"menu:book:id-card", "book:l:cnap-vyhovskoho", "book:d:20260714", "book:t:1020"} {
				say(user, dialog.Update{Action: a})
			}
			say(user, dialog.Update{Text: "Тарас Шевченко"})
			if r := say(user, dialog.Update{Text: "0671234567"}); !strings.Contains(visitTexts(r), "Перевірте") {
				t.Errorf("%s is not at the confirmation: %s", user, visitTexts(r))
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	replies := make([][]dialog.Reply, n)
	began := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[i] = say(fmt.Sprint("racer-", i), dialog.Update{Action: "book:ok"})
		}()
	}
	wg.Wait()
	t.Logf("%s: %d confirmations of the last 3 seats through the engine took %v", backendName(cfg), n, time.Since(began))
	booked, taken := 0, 0
	for i, r := range replies {
		text := visitTexts(r)
		switch {
		case strings.Contains(text, "Номер запису"):
			booked++
		case strings.Contains(text, "На жаль, цей час щойно зайняли. Найближчий вільний час:") && visitHasButton(r, "10:40"):
			taken++
		default:
			t.Errorf("racer-%d got: %s", i, text)
		}
	}
	if booked != 3 || taken != n-3 {
		t.Fatalf("%d booked, %d told the time was taken; want 3 and %d", booked, taken, n-3)
	}
	day := time.Date(2026, 7, 14, 0, 0, 0, 0, cfg.City.Loc())
	visits, err := m.Store.LocationVisits(ctx, "cnap-vyhovskoho", day, day.AddDate(0, 0, 1))
	if err != nil || len(visits) != 3 {
		t.Fatalf("the database holds %d visits (%v), want 3", len(visits), err)
	}
}

func visitTexts(replies []dialog.Reply) string {
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func visitHasButton(replies []dialog.Reply, label string) bool {
	for _, r := range replies {
		for _, b := range r.AllButtons() {
			if b.Label == label {
				return true
			}
		}
	}
	return false
}
