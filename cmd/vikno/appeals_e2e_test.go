package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/terminal"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

const appealTestKey = "e2e-executor-key"

// appealPushes records what the engine pushes to terminal residents.
type appealPushes struct {
	mu   sync.Mutex
	sent map[string][][]dialog.Reply
}

func (p *appealPushes) Send(_ context.Context, user string, replies []dialog.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sent == nil {
		p.sent = map[string][][]dialog.Reply{}
	}
	p.sent[user] = append(p.sent[user], replies)
	return nil
}

// nth waits for the n-th notice pushed to user (the outbox delivers them
// asynchronously, in order) and returns it.
func (p *appealPushes) nth(t *testing.T, user string, n int) []dialog.Reply {
	t.Helper()
	var got [][]dialog.Reply
	waitFor(t, func() bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		got = p.sent[user]
		return len(got) >= n
	})
	return got[n-1]
}

// appealChat plays lines through the terminal channel as user and returns
// what was printed.
func appealChat(t *testing.T, m *Main, user string, lines ...string) string {
	t.Helper()
	var out strings.Builder
	chat := &terminal.Chat{Handler: m.Engine, In: strings.NewReader(strings.Join(lines, "\n") + "\n"), Out: &out, UserID: user, Locale: "uk"}
	if err := chat.Run(context.Background()); err != nil {
		t.Fatalf("chat: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "щось пішло не так") {
		t.Fatalf("an error reply:\n%s", out.String())
	}
	return out.String()
}

// appealAPI calls the executor API with the test key.
func appealAPI(t *testing.T, m *Main, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, m.HTTP.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+appealTestKey)
	req.Header.Set("Content-Type", "application/json")
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

var (
	filedRE = regexp.MustCompile(`Звернення № (\d{4}-\d{6}) зареєстровано`)
	pinRE   = regexp.MustCompile(`PIN для перевірки статусу: (\d{4,6})`)
)

// fileAppealInChat files an appeal with location and photo in the terminal
// channel and returns its number and PIN.
func fileAppealInChat(t *testing.T, m *Main, user string) (number, pin string) {
	t.Helper()
	out := appealChat(t, m, user,
		"/start",
		"Подати звернення",
		"гарячої води немає",
		"Немає гарячої води",
		"/location 49.8419 24.0315",
		"Не тече гаряча вода з понеділка в усьому під’їзді, кв. 12, тел. 0671112233",
		"/photo kran.jpg",
		"Далі",
		"/contact +380501234567",
		"Так, показати",
		"Підтвердити",
	)
	for _, want := range []string{"Тема: Немає гарячої води", "біля адреси м. Львів, пл. Ринок, 1 — точка на карті (49.84190, 24.03150)", "Фото: 1 фото",
		"Телефон: +380501234567", "Опис на публічній мапі: показати", "[/location LAT LON] 📍 Надіслати геолокацію", "[/contact +380...]"} {
		if !strings.Contains(out, want) {
			t.Fatalf("conversation lacks %q:\n%s", want, out)
		}
	}
	n, p := filedRE.FindStringSubmatch(out), pinRE.FindStringSubmatch(out)
	if n == nil || p == nil {
		t.Fatalf("no number and PIN:\n%s", out)
	}
	return n[1], p[1]
}

func runAppealEndToEnd(t *testing.T, cfg configs.Config, answer string) {
	cfg.APIKeys = []string{appealTestKey}
	m := MustRunMain(t, cfg)
	pushes := &appealPushes{}
	m.Engine.SetSender(vikno.Terminal, pushes)
	resident := "resident-" + testenv.RandomID()

	number, pin := fileAppealInChat(t, m, resident)

	// A second conversation, by someone who has the number and the PIN.
	out := appealChat(t, m, "checker-"+testenv.RandomID(), "/start", "Статус звернення", number, pin)
	for _, want := range []string{"Звернення № " + number, "Статус: зареєстровано", "Виконавець: КП «Тепломережа» (демо)", "Строк: до "} {
		if !strings.Contains(out, want) {
			t.Fatalf("status check lacks %q:\n%s", want, out)
		}
	}

	// The executor takes it and reports it done.
	for _, body := range []string{`{"status":"in_progress","actor":"Диспетчер"}`, `{"status":"done","comment":"Замінили засувку"}`} {
		if code, v := appealAPI(t, m, "POST", "/api/v1/appeals/"+number+"/status", body); code != http.StatusOK {
			t.Fatalf("status change %s = %d %v", body, code, v)
		}
	}
	pushes.nth(t, resident, 1) // "in progress"
	notice := pushes.nth(t, resident, 2)
	text := notice[0].Text.String()
	if !strings.Contains(text, number) || !strings.Contains(text, "Замінили засувку") || !strings.Contains(text, "Проблему вирішено?") {
		t.Fatalf("done notice:\n%s", text)
	}

	// The resident answers.
	var action string
	for _, b := range notice[0].AllButtons() {
		if b.Label == answer {
			action = b.Action
		}
	}
	send := func(u dialog.Update) string {
		u.Channel, u.UserID = vikno.Terminal, resident
		replies, err := m.Engine.Handle(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range replies {
			b.WriteString(r.Text.String() + "\n")
		}
		return b.String()
	}
	wantStatus := "closed"
	if answer == "Так" {
		if got := send(dialog.Update{Action: action}); !strings.Contains(got, "Звернення № "+number+" закрито") {
			t.Fatalf("after Так: %s", got)
		}
	} else {
		wantStatus = "reopened"
		if got := send(dialog.Update{Action: action}); !strings.Contains(got, "що саме залишилося не так") {
			t.Fatalf("after %s: %s", answer, got)
		}
		if got := send(dialog.Update{Text: "Вода тече, але ледь тепла"}); !strings.Contains(got, "повернуто в роботу") {
			t.Fatalf("after the comment: %s", got)
		}
	}
	code, v := appealAPI(t, m, "GET", "/api/v1/appeals/"+number, "")
	history := v["history"].([]any)
	if code != http.StatusOK || v["status"] != wantStatus || len(history) != 4 || len(v["photos"].([]any)) != 1 {
		t.Fatalf("appeal after the answer = %d %v", code, v)
	}
	last := history[3].(map[string]any)
	if last["actor_kind"] != "resident" || (answer != "Так" && last["comment"] != "Вода тече, але ледь тепла") {
		t.Fatalf("last event %v", last)
	}

	// The public Open311 view agrees, shows the description the resident
	// agreed to publish with the phone and the apartment masked, and no
	// phone, apartment or geolocation anywhere.
	status, body := get(t, m, "/open311/v2/requests/"+number+".json")
	wantOpen := map[string]string{"closed": `"status":"closed"`, "reopened": `"status":"open"`}[wantStatus]
	if status != http.StatusOK || !strings.Contains(body, wantOpen) || !strings.Contains(body, "в усьому під’їзді, кв. ***, тел. ***") {
		t.Fatalf("open311 = %d %s", status, body)
	}
	for _, private := range []string{"501234567", "0671112233", "кв. 12", "49.8419"} {
		if strings.Contains(body, private) {
			t.Fatalf("open311 shows %q: %s", private, body)
		}
	}
}

func TestAppealEndToEndResidentConfirms(t *testing.T) {
	runAppealEndToEnd(t, testConfig(t), "Так")
}

func TestAppealEndToEndResidentReopens(t *testing.T) {
	runAppealEndToEnd(t, testConfig(t), "Ні")
}

func TestAppealEndToEndOnPostgresAndRedis(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	runAppealEndToEnd(t, cfg, "Частково")
}

func TestOpen311OnMainCreatesAndReadsBack(t *testing.T) {
	cfg := testConfig(t)
	cfg.APIKeys = []string{appealTestKey}
	m := MustRunMain(t, cfg)
	if code, body := get(t, m, "/open311/v2/services.json"); code != http.StatusOK || !strings.Contains(body, `"service_code":"pothole"`) {
		t.Fatalf("services.json = %d %.300s", code, body)
	}
	form := url.Values{"api_key": {appealTestKey}, "service_code": {"street-light-out"}, "lat": {"49.8419"},
		"long": {"24.0315"}, "description": {"Не світить ліхтар біля зупинки"}, "phone": {"+380671234567"}}
	resp, err := http.PostForm(m.HTTP.URL()+"/open311/v2/requests.json", form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var created []map[string]any
	if err := json.Unmarshal(b, &created); err != nil || resp.StatusCode != http.StatusOK || len(created) != 1 {
		t.Fatalf("POST = %d %s", resp.StatusCode, b)
	}
	id := created[0]["service_request_id"].(string)
	code, body := get(t, m, "/open311/v2/requests.json?service_request_id="+id)
	if code != http.StatusOK || !strings.Contains(body, `"status":"open"`) || strings.Contains(body, "671234567") {
		t.Fatalf("requests.json = %d %s", code, body)
	}
	form.Set("api_key", "wrong")
	resp, err = http.PostForm(m.HTTP.URL()+"/open311/v2/requests.json", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("POST with a wrong key = %d, want 403", resp.StatusCode)
	}
}
