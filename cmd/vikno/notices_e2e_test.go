package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

const noticeTestKey = "notices-e2e-key"

// noticePostB posts an outage with the test key from a benchmark.
func noticePostB(b *testing.B, bot *tgBot, body any) (int, map[string]any) {
	return noticePost(b, bot.m, "/api/v1/notices/outages", noticeTestKey, body)
}

// outageWaitFanOut waits until the current version of notice id has been
// queued for all its residents.
func outageWaitFanOut(t testing.TB, m *Main, id string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		o, err := m.Store.FindOutage(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if o.FannedOut() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fan-out of %s never finished: %+v", id, o)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// outagePost posts an outage notice and, when it is accepted (202), waits
// until its fan-out is done and returns the progress report.
func outagePost(t testing.TB, m *Main, body any) (int, map[string]any) {
	t.Helper()
	status, v := noticePost(t, m, "/api/v1/notices/outages", noticeTestKey, body)
	if status != http.StatusAccepted {
		return status, v
	}
	progress, _ := v["progress"].(string)
	deadline := time.Now().Add(60 * time.Second)
	for {
		s, report := noticeGet(t, m, progress, noticeTestKey)
		if s != http.StatusOK || report["fanout"] == "done" {
			return status, report
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fan-out of %s never finished: %v", progress, report)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// noticePost calls the notices API with the test key (or none) and returns
// the status and the decoded answer.
func noticePost(t testing.TB, m *Main, path, key string, body any) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	return noticeCall(t, m, http.MethodPost, path, key, raw)
}

// noticeGet reads from the notices API with key (or none).
func noticeGet(t testing.TB, m *Main, path, key string) (int, map[string]any) {
	t.Helper()
	return noticeCall(t, m, http.MethodGet, path, key, nil)
}

func noticeCall(t testing.TB, m *Main, method, path, key string, raw []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, m.HTTP.URL()+path, bytes.NewReader(raw))
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
		t.Fatalf("%s %s = %d %s", method, path, resp.StatusCode, b)
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

// outageSubscribe subscribes a chat to a district, and to one street of it
// when street is not empty.
func outageSubscribe(t *testing.T, b *tgBot, chat int64, district, street string) {
	t.Helper()
	b.send(t, chat, tgText(chat, "/start"))
	b.send(t, chat, tgPress(chat, "menu:"+dialog.FlowOutages))
	b.send(t, chat, tgPress(chat, dialog.FlowOutages+":d:"+district))
	var got string
	if street == "" {
		got = tgVisible(b.send(t, chat, tgPress(chat, dialog.FlowOutages+":all")))
	} else {
		got = tgVisible(b.send(t, chat, tgText(chat, street)))
	}
	if !strings.Contains(got, "Готово") {
		t.Fatalf("subscribing answered %q", got)
	}
}

// runOutages: a notice for one district reaches its subscribers only, once;
// its «restored» reaches the same people; a street notice reaches the
// street's subscribers; the bot answers a question about the street from it.
func runOutages(t *testing.T, cfg configs.Config) {
	b := noticeRun(t, cfg)
	ctx := t.Context()
	district, street, other, blocked := tgChat(), tgChat(), tgChat(), tgChat()
	outageSubscribe(t, b, district, "sykhivskyi", "")
	outageSubscribe(t, b, street, "sykhivskyi", "вул. Зелена")
	outageSubscribe(t, b, other, "halytskyi", "")
	outageSubscribe(t, b, blocked, "sykhivskyi", "")
	res, err := b.m.Store.EnsureResident(ctx, "telegram", strconv.FormatInt(blocked, 10), "uk")
	if err == nil {
		err = b.m.Store.SetResidentUnreachable(ctx, res.ID, true)
	}
	if err != nil {
		t.Fatal(err)
	}
	chats := []int64{district, street, other, blocked}
	before := map[int64]int{}
	for _, c := range chats {
		before[c] = len(b.fake.Sent(c))
	}
	id := fmt.Sprintf("hw-%d", rand.IntN(1e9))
	// The outage began an hour ago, so that its end reads «відновлено»
	// (one ended before it began was called off).
	from := time.Now().Add(-time.Hour).Truncate(time.Minute)
	notice := map[string]any{"id": id, "kind": "hot_water", "districts": []string{"sykhivskyi"},
		"from": from.Format(time.RFC3339), "to": from.Add(3 * time.Hour).Format(time.RFC3339), "text": "Ремонт тепломережі."}
	for range 2 {
		status, v := outagePost(t, b.m, notice)
		if status != http.StatusAccepted || v["queued"] != float64(2) || v["version"] != float64(1) {
			t.Fatalf("outage = %d %v", status, v)
		}
	}
	notice["status"] = "restored"
	if status, v := outagePost(t, b.m, notice); status != http.StatusAccepted || v["version"] != float64(2) {
		t.Fatalf("restored = %d %v", status, v)
	}
	lane := map[string]any{"id": id + "-el", "kind": "electricity", "streets": []string{"вул. Зелена"}, "text": "Заміна кабелю."}
	if status, v := outagePost(t, b.m, lane); status != http.StatusAccepted || v["queued"] != float64(1) {
		t.Fatalf("street outage = %d %v", status, v)
	}
	ratingsWaitOutbox(t, b.m.Store)
	// The «restored» version went to the two reachable subscribers.
	status, v := noticeGet(t, b.m, "/api/v1/notices/outages/"+id, noticeTestKey)
	if status != http.StatusOK || v["version"] != float64(2) || v["status"] != "restored" ||
		v["queued"] != float64(2) || v["sent"] != float64(2) || v["pending"] != float64(0) || v["dead"] != float64(0) {
		t.Errorf("progress = %d %v", status, v)
	}
	if status, v := noticeGet(t, b.m, "/api/v1/notices/outages/no-such-notice", noticeTestKey); status != http.StatusNotFound || v["message"] == "" {
		t.Errorf("unknown notice = %d %v", status, v)
	}
	if status, _ := noticeGet(t, b.m, "/api/v1/notices/outages/"+id, ""); status != http.StatusUnauthorized {
		t.Errorf("progress without a key = %d", status)
	}
	want := map[int64]int{district: 2, street: 3, other: 0, blocked: 0}
	for _, c := range chats {
		if got := len(b.fake.Sent(c)) - before[c]; got != want[c] {
			t.Errorf("chat %d got %d notices, want %d: %q", c, got, want[c], tgVisible(b.fake.Sent(c)[before[c]:]))
		}
	}
	got := tgVisible(b.fake.Sent(district)[before[district]:])
	for _, w := range []string{"Відключення гарячої води", "Сихівський район", from.In(kyivZone(t)).Format("15:04"), "Ремонт тепломережі", "Гарячу воду відновлено"} {
		if !strings.Contains(got, w) {
			t.Errorf("the district's notices lack %q: %q", w, got)
		}
	}
	asker := tgChat()
	answer := tgVisible(b.send(t, asker, tgText(asker, "Коли дадуть світло на вулиці Зеленій?")))
	if !strings.Contains(answer, "Відключення електроенергії") || !strings.Contains(answer, "Заміна кабелю") {
		t.Errorf("the street question got %q", answer)
	}
	answer = tgVisible(b.send(t, asker, tgText(asker, "коли дадуть воду на Стрийській")))
	if !strings.Contains(answer, "немає оголошених відключень") {
		t.Errorf("a street without notices got %q", answer)
	}
	// With a cold-water notice for вул. Зелена and Сихівський район, the
	// questions residents ask with a house number or a district's short
	// name find it.
	water := map[string]any{"id": id + "-cw", "kind": "cold_water", "streets": []string{"вул. Зелена"},
		"districts": []string{"sykhivskyi"}, "text": "Ремонт водогону."}
	if status, v := outagePost(t, b.m, water); status != http.StatusAccepted {
		t.Fatalf("cold-water outage = %d %v", status, v)
	}
	for q, want := range map[string]string{
		"коли буде вода на вул. Зелена 115":                       "вул. Зелена",
		"немає холодної води на Сихові, коли дадуть?":             "Сихівський район",
		"у нас на Зеленій 115 немає води з ранку, коли включать?": "вул. Зелена",
	} {
		answer := tgVisible(b.send(t, asker, tgText(asker, q)))
		if !strings.Contains(answer, want) || !strings.Contains(answer, "Ремонт водогону") || strings.Contains(answer, "немає оголошених") {
			t.Errorf("%q got %q", q, answer)
		}
	}

	// Cancelling: the list shows the subscription, its button removes it.
	msgs := b.send(t, other, tgPress(other, "menu:"+dialog.FlowOutages))
	if !strings.Contains(tgVisible(msgs), "Галицький район") {
		t.Fatalf("subscriptions list %q", tgVisible(msgs))
	}
	var cancel string
	for _, btn := range tgCheckButtons(t, msgs) {
		if strings.HasPrefix(btn.CallbackData, dialog.FlowOutages+":x:") {
			cancel = btn.CallbackData
		}
	}
	if got := tgVisible(b.send(t, other, tgPress(other, cancel))); !strings.Contains(got, "скасовано") || strings.Contains(got, "• Галицький") {
		t.Errorf("cancelling answered %q", got)
	}
}

// kyivZone is the demo city's time zone.
func kyivZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestOutagesEndToEndOnSQLite(t *testing.T) {
	runOutages(t, tgConfig(t))
}

func TestOutagesEndToEndOnPostgresAndRedis(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	runOutages(t, cfg)
}
