package open311_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// fileInChat files an appeal as a resident would in a chat, with personal
// data in every free-text field.
func fileInChat(t *testing.T, w world, public bool) string {
	t.Helper()
	filed, err := w.svc.File(context.Background(), cases.AppealDraft{
		Channel: vikno.Telegram, ResidentID: 7, Category: "no-hot-water",
		Description:       "Немає гарячої води. Тел. 0671112233, кв. 12, пишіть taras@example.org або +38 (050) 123-45-67",
		Address:           "вул. Городоцька, 100, кв. 12",
		Location:          &cases.GeoPoint{Lat: 49.8397, Lon: 24.0297},
		Photos:            []string{"tg:photo-1"},
		Phone:             "+380671234567",
		DescriptionPublic: public,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.svc.ChangeStatus(context.Background(), filed.Appeal.Number, cases.AppealChange{To: cases.AppealInProgress,
		Comment: "Зателефонуємо Вам на 067 111 22 33 або прийдемо в квартиру 12", By: cases.Actor{Kind: cases.ActorExecutor, Name: "t"}})
	if err != nil {
		t.Fatal(err)
	}
	return filed.Appeal.Number
}

// noResidentData fails when a public body shows a phone, an e-mail, an
// apartment or where exactly the resident is.
func noResidentData(t *testing.T, body string) {
	t.Helper()
	noPersonalData(t, body)
	for _, bad := range []string{"0671112233", "111 22 33", "123-45-67", "+380", "taras", "@example", "кв. 12", "квартиру 12",
		"49.8397", "24.0297", "tg:photo"} {
		if strings.Contains(body, bad) {
			t.Fatalf("public response contains %q:\n%s", bad, body)
		}
	}
}

func TestChatAppealIsPublishedWithoutPersonalDataOrDescription(t *testing.T) {
	w := newWorld(t)
	number := fileInChat(t, w, false)
	for _, path := range []string{"/open311/v2/requests/" + number + ".json", "/open311/v2/requests.json",
		"/open311/v2/requests.json?service_request_id=" + number} {
		code, body := w.get(t, path)
		if code != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, code, body)
		}
		noResidentData(t, body)
		r := decode[[]map[string]any](t, body)[0]
		if r["description"] != "" || r["address"] != "вул. Городоцька, 100" || r["service_code"] != "no-hot-water" ||
			r["status"] != "open" || r["requested_datetime"] == "" || r["lat"] != nil || r["media_url"] != nil {
			t.Fatalf("GET %s = %v", path, r)
		}
		if notes, _ := r["status_notes"].(string); !strings.Contains(notes, "Зателефонуємо Вам на *** або прийдемо в квартиру ***") {
			t.Fatalf("status_notes %q: want the executor's comment masked", notes)
		}
	}
}

func TestChatAppealDescriptionIsPublishedMaskedWithConsent(t *testing.T) {
	w := newWorld(t)
	number := fileInChat(t, w, true)
	code, body := w.get(t, "/open311/v2/requests/"+number+".json")
	if code != http.StatusOK {
		t.Fatalf("GET = %d %s", code, body)
	}
	noResidentData(t, body)
	r := decode[[]map[string]any](t, body)[0]
	if r["description"] != "Немає гарячої води. Тел. ***, кв. ***, пишіть *** або ***" {
		t.Fatalf("description = %q", r["description"])
	}
}

func TestOpen311AppealIsPublishedAsFiledButMasked(t *testing.T) {
	w := newWorld(t)
	v := validRequest()
	v.Set("description", "Яма біля під’їзду, дзвоніть 0671112233")
	v.Set("address_string", "вул. Городоцька, 100, кв. 5")
	if code, body := w.postForm(t, v); code != http.StatusOK {
		t.Fatalf("POST = %d %s", code, body)
	}
	_, body := w.get(t, "/open311/v2/requests/2026-000001.json")
	r := decode[[]map[string]any](t, body)[0]
	if r["description"] != "Яма біля під’їзду, дзвоніть ***" || r["address"] != "вул. Городоцька, 100" || r["lat"] == nil ||
		r["media_url"] != "https://example.org/photos/pothole.jpg" {
		t.Fatalf("Open311 appeal = %v", r)
	}
}
