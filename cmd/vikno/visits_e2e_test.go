package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/terminal"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/notify"
)

// visitsNow is the fixed clock of the visits tests: Tuesday 14 July 2026,
// 10:00 in Kyiv.
func visitsNow(t *testing.T, cfg configs.Config) func() time.Time {
	now := time.Date(2026, 7, 14, 10, 0, 0, 0, cfg.City.Loc())
	return func() time.Time { return now }
}

// runVisitsMain boots the program with the fixed clock.
func runVisitsMain(t *testing.T, cfg configs.Config) *Main {
	t.Helper()
	m := NewMain(cfg, slog.New(slog.DiscardHandler))
	m.Now = visitsNow(t, cfg)
	t.Cleanup(func() { m.Close() })
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return m
}

// visitChat plays lines through the terminal channel as user and returns
// what it printed.
func visitChat(t *testing.T, m *Main, user string, lines ...string) string {
	t.Helper()
	var out strings.Builder
	c := &terminal.Chat{Handler: m.Handler, In: strings.NewReader(strings.Join(lines, "\n") + "\n"), Out: &out,
		UserID: user, Locale: "uk", Now: m.Now}
	if err := c.Run(context.Background()); err != nil {
		t.Fatalf("chat: %v\n%s", err, out.String())
	}
	return out.String()
}

func visitWantInOrder(t *testing.T, out string, wants ...string) {
	t.Helper()
	rest := out
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("output lacks %q (in order) in:\n%s", w, out)
		}
		rest = rest[i+len(w):]
	}
}

func visitsAPI(t *testing.T, m *Main, method, path, key, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, m.HTTP.URL()+path, strings.NewReader(body))
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestVisitsEndToEndInChat(t *testing.T) {
	cfg := testConfig(t)
	cfg.APIKeys = []string{"e2e-integration"}
	cfg.LocationKeys = map[string]string{"cnap-vyhovskoho": "e2e-vyhovskoho"}
	m := runVisitsMain(t, cfg)

	out := visitChat(t, m, "e2e-visitor",
		"/start",
		"📅 Записатися до ЦНАП",
		"ЦНАП на Виговського",
		"Паспортні послуги",
		"Паспорт (ID-картка)",
		"вт 14.07",
		"10:20",
		"Олена Петренко",
		"/contact +380671234567",
		"✅ Підтвердити",
		"📋 Мої записи",
		"1",
		"❌ Скасувати запис",
		"Так, скасувати",
		"📅 Записатися знову",
		"ЦНАП на Виговського",
		"вт 14.07",
		"10:20",
		"✅ Так",
		"✅ Підтвердити",
		"📋 Мої записи",
	)
	visitWantInOrder(t, out,
		"Оберіть ЦНАП", "[/location LAT LON] 📍 Найближчі до мене",
		"Оберіть групу послуг",
		"Оберіть послугу",
		"Оберіть день", "вт 14.07",
		"вівторок, 14 липня", "10:20",
		"Як Вас звати",
		"номер телефону", "[/contact +380...]",
		"Перевірте", "вівторок, 14 липня, 10:20", "Олена Петренко, +380671234567",
		"Ви записані", "Номер запису:", "Свідоцтво про народження", "нагадувань не буде",
		"Ваші записи:", "вт, 14.07 о 10:20", "[1] 1. 14.07 10:20",
		"Запис ", "Скасувати запис",
		"Скасувати запис на", "Так, скасувати",
		"скасовано", "вільний для інших",
		"Паспорт (ID-картка)", "ЦНАП на Виговського",
		"Оберіть день",
		"10:20",
		"Записати на ім’я Олена Петренко (+380671234567)?",
		"Перевірте",
		"Ви записані",
		"Ваші записи:", "вт, 14.07 о 10:20",
	)
	if strings.Contains(out, "щось пішло не так") || strings.Contains(out, "[2] 2. ") {
		t.Fatalf("an error or a second booking:\n%s", out)
	}

	// Staff see both visits of the day: the cancelled one and the new one.
	status, body := visitsAPI(t, m, http.MethodGet, "/api/v1/locations/cnap-vyhovskoho/visits?date=2026-07-14", "e2e-vyhovskoho", "")
	visits, _ := body["visits"].([]any)
	if status != 200 || len(visits) != 2 {
		t.Fatalf("staff list = %d %v", status, body)
	}

	// The queue feed: bad input is refused, good input shows in the chat.
	for _, bad := range []struct {
		path, key, body string
		status          int
	}{
		{"/api/v1/locations/cnap-vyhovskoho/queue", "wrong", `{"waiting": 5, "windows_open": 3}`, 401},
		{"/api/v1/locations/nowhere/queue", "e2e-integration", `{"waiting": 5, "windows_open": 3}`, 404},
		{"/api/v1/locations/cnap-vyhovskoho/queue", "e2e-vyhovskoho", `{"waiting": -5, "windows_open": 3}`, 400},
		{"/api/v1/locations/cnap-vyhovskoho/queue", "e2e-vyhovskoho", `{"waiting": 5`, 400},
	} {
		if status, body := visitsAPI(t, m, http.MethodPut, bad.path, bad.key, bad.body); status != bad.status || body["message"] == "" {
			t.Errorf("PUT %s %s = %d %v, want %d with a reason", bad.path, bad.body, status, body, bad.status)
		}
	}
	status, body = visitsAPI(t, m, http.MethodPut, "/api/v1/locations/cnap-vyhovskoho/queue", "e2e-vyhovskoho",
		`{"waiting": 5, "windows_open": 3, "avg_service_minutes": 12}`)
	if status != 200 || body["estimated_wait_minutes"] != 20.0 {
		t.Fatalf("PUT queue = %d %v", status, body)
	}
	out = visitChat(t, m, "e2e-visitor", "меню", "👥 Черга зараз")
	visitWantInOrder(t, out, "Черга в ЦНАП зараз", "ЦНАП на Виговського — 5 людей, ≈ 20 хв · дані щойно",
		"ЦНАП у Ратуші — немає даних про чергу")
}

// A CNAP's cancellation is stored with the resident's notice (one
// transaction), and the resident is told once, with the reason.
func TestStaffCancellationReachesTheResidentOnce(t *testing.T) {
	cfg := testConfig(t)
	cfg.LocationKeys = map[string]string{"cnap-vyhovskoho": "e2e-vyhovskoho"}
	m := runVisitsMain(t, cfg)
	visitChat(t, m, "e2e-cancelled", "/start", "📅 Записатися до ЦНАП", "ЦНАП на Виговського", "Паспортні послуги",
		"Паспорт (ID-картка)", "вт 14.07", "10:20", "Олена Петренко", "/contact +380671234567", "✅ Підтвердити")
	status, body := visitsAPI(t, m, http.MethodGet, "/api/v1/locations/cnap-vyhovskoho/visits?date=2026-07-14", "e2e-vyhovskoho", "")
	visits, _ := body["visits"].([]any)
	if status != 200 || len(visits) != 1 {
		t.Fatalf("staff list = %d %v", status, body)
	}
	id := int64(visits[0].(map[string]any)["id"].(float64))
	for range 2 { // a retried call cancels and tells once
		visitsAPI(t, m, http.MethodPost, fmt.Sprintf("/api/v1/visits/%d/cancel", id), "e2e-vyhovskoho", `{"reason": "Вимкнення світла"}`)
	}
	msgs, err := m.Store.FindOutbox(context.Background(), notify.VisitNoticeKey(id, cases.NoticeStaffCancel))
	if err != nil || len(msgs) != 1 {
		t.Fatalf("staff cancel notices = %d, %v; want 1", len(msgs), err)
	}
	text := dialogtest.Texts(msgs[0].Replies)
	if !strings.Contains(text, "ЦНАП скасував Ваш запис") || !strings.Contains(text, "Причина: Вимкнення світла") {
		t.Fatalf("staff cancel notice:\n%s", text)
	}
}
