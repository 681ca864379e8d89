package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

const noticeTestKey = "notices-e2e-key"

// noticePost calls the notices API with the test key (or none) and returns
// the status and the decoded answer.
func noticePost(t *testing.T, m *Main, path, key string, body any) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, m.HTTP.URL()+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("POST %s = %d %s", path, resp.StatusCode, b)
	}
	return resp.StatusCode, v
}

func noticeRun(t *testing.T, cfg configs.Config) *tgBot {
	cfg.APIKeys = []string{noticeTestKey}
	return tgRun(t, cfg, telegram.ModeWebhook)
}

// runDocumentsReady: a resident tracks a case reference in the bot; the
// documents-ready notice reaches that resident only, once however often it
// is posted; a notice posted before anyone tracks its reference reaches the
// resident who tracks it later.
func runDocumentsReady(t *testing.T, cfg configs.Config) {
	b := noticeRun(t, cfg)
	ref := fmt.Sprintf("ЦН-2026-%06d", rand.IntN(1e6))
	owner, other := tgChat(), tgChat()
	b.send(t, owner, tgText(owner, "/start"))
	if got := tgVisible(b.send(t, owner, tgPress(owner, "menu:"+dialog.FlowTrack))); !strings.Contains(got, "номер справи") {
		t.Fatalf("track asked %q", got)
	}
	if got := tgVisible(b.send(t, owner, tgText(owner, strings.ToLower(ref)))); !strings.Contains(got, ref) {
		t.Fatalf("tracking answered %q", got)
	}
	b.send(t, other, tgText(other, "/start"))
	b.send(t, other, tgPress(other, "menu:"+dialog.FlowTrack))
	b.send(t, other, tgText(other, ref+"9"))
	before, beforeOther := len(b.fake.Sent(owner)), len(b.fake.Sent(other))

	req := map[string]any{"request_id": "doc-" + ref, "reference": " " + ref + " ", "location": "cnap-center",
		"pickup": "Вікно 12, з паспортом", "until": "2026-12-30"}
	for range 2 {
		status, v := noticePost(t, b.m, "/api/v1/notices/documents-ready", noticeTestKey, req)
		if status != http.StatusOK || v["queued"] != float64(1) {
			t.Fatalf("documents-ready = %d %v", status, v)
		}
	}
	msgs := b.fake.WaitSent(t, owner, before+1)[before:]
	got := tgVisible(msgs)
	for _, want := range []string{ref, "готові", "пл. Ринок, 1", "Вікно 12", "30 грудня", "пн"} {
		if !strings.Contains(got, want) {
			t.Errorf("the notice lacks %q: %q", want, got)
		}
	}
	if !tgFind(tgCheckButtons(t, msgs), "menu:"+dialog.FlowBook+":@cnap-center") {
		t.Errorf("the notice offers no booking at the CNAP: %+v", msgs[len(msgs)-1].Buttons())
	}
	ratingsWaitOutbox(t, b.m.Store)
	if n := len(b.fake.Sent(owner)) - before; n != 1 {
		t.Errorf("the owner got %d notices for one case posted twice", n)
	}
	if n := len(b.fake.Sent(other)) - beforeOther; n != 0 {
		t.Errorf("a resident tracking another case got %d messages", n)
	}

	// Posted before anyone tracks it: kept, and sent on a late subscription.
	late := ref + "L"
	status, v := noticePost(t, b.m, "/api/v1/notices/documents-ready", noticeTestKey,
		map[string]any{"request_id": "doc-" + late, "reference": late, "location": "cnap-chuprynky"})
	if status != http.StatusOK || v["queued"] != float64(0) {
		t.Fatalf("documents-ready for an untracked case = %d %v", status, v)
	}
	tracker := tgChat()
	b.send(t, tracker, tgText(tracker, "/start"))
	b.send(t, tracker, tgPress(tracker, "menu:"+dialog.FlowTrack))
	reply := tgVisible(b.send(t, tracker, tgText(tracker, late)))
	if !strings.Contains(reply, "вже готові") || !strings.Contains(reply, late) || !strings.Contains(reply, "Чупринки, 85") {
		t.Errorf("a late tracker was told %q", reply)
	}
}

func TestDocumentsReadyEndToEndOnSQLite(t *testing.T) {
	runDocumentsReady(t, tgConfig(t))
}

func TestDocumentsReadyEndToEndOnPostgresAndRedis(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	runDocumentsReady(t, cfg)
}

func TestDocumentsReadyRefusesBadRequests(t *testing.T) {
	b := noticeRun(t, tgConfig(t))
	tests := []struct {
		name   string
		key    string
		body   map[string]any
		status int
	}{
		{"WithoutKey", "", map[string]any{"request_id": "a", "reference": "AB-123", "location": "cnap-center"}, http.StatusUnauthorized},
		{"WrongKey", "nope", map[string]any{"request_id": "a", "reference": "AB-123", "location": "cnap-center"}, http.StatusUnauthorized},
		{"UnknownLocation", noticeTestKey, map[string]any{"request_id": "a", "reference": "AB-123", "location": "moon"}, http.StatusBadRequest},
		{"NoReference", noticeTestKey, map[string]any{"request_id": "a", "location": "cnap-center"}, http.StatusBadRequest},
		{"TwoReferences", noticeTestKey, map[string]any{"request_id": "a", "reference": "AB-123", "booking_code": "K7M4Q2", "location": "cnap-center"}, http.StatusBadRequest},
		{"NoRequestID", noticeTestKey, map[string]any{"reference": "AB-123", "location": "cnap-center"}, http.StatusBadRequest},
		{"BadDate", noticeTestKey, map[string]any{"request_id": "a", "reference": "AB-123", "location": "cnap-center", "until": "30.12"}, http.StatusBadRequest},
		{"UnknownField", noticeTestKey, map[string]any{"request_id": "a", "reference": "AB-123", "location": "cnap-center", "pin": "1"}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, v := noticePost(t, b.m, "/api/v1/notices/documents-ready", tt.key, tt.body)
			if status != tt.status || v["message"] == "" {
				t.Errorf("status %d %v, want %d with a reason", status, v, tt.status)
			}
		})
	}
}
