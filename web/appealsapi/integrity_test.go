package appealsapi_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

func TestExecutorClosesAnOpen311AppealOnceDone(t *testing.T) {
	w := newWorld(t)
	filed, err := w.svc.File(context.Background(), cases.AppealDraft{Channel: cases.Open311, Category: "pothole",
		Description: "Яма на дорозі", Address: "вул. Городоцька, 100",
		By: cases.Actor{Kind: cases.ActorIntegration, Name: "open311:test"}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/appeals/" + filed.Appeal.Number + "/status"
	code, v, _ := w.do(t, "POST", path, "application/json", `{"status":"done","comment":"Залатали"}`, bearer...)
	if code != http.StatusOK || v["status"] != "done" {
		t.Fatalf("done = %d %v", code, v)
	}
	if next, _ := v["next_statuses"].([]any); len(next) != 1 || next[0] != "closed" {
		t.Fatalf("next_statuses of a done Open311 appeal = %v, want [closed]", v["next_statuses"])
	}
	code, v, _ = w.do(t, "POST", path, "application/json", `{"status":"closed"}`, bearer...)
	if code != http.StatusOK || v["status"] != "closed" || v["closed_at"] == nil {
		t.Fatalf("closed = %d %v", code, v)
	}
}

func TestBadInputIsRefusedWithAReason(t *testing.T) {
	w := newWorld(t)
	status := "/api/v1/appeals/" + w.number + "/status"
	tests := []struct {
		name, method, path, ctype, body, reason string
		header                                  []string
	}{
		{"InvalidUTF8JSON", "POST", status, "application/json", "{\"status\":\"in_progress\",\"comment\":\"\xff\"}", "UTF-8", bearer},
		{"NULInJSON", "POST", status, "application/json", `{"status":"in_progress","comment":"a\u0000b"}`, "NUL", bearer},
		{"InvalidUTF8Form", "POST", status, "application/x-www-form-urlencoded", "status=in_progress&comment=%FF", "UTF-8", bearer},
		{"NULInForm", "POST", "/api/v1/appeals/lookup", "application/x-www-form-urlencoded", "number=2026-000001&pin=12%0034", "NUL", nil},
		{"InvalidUTF8Query", "GET", "/api/v1/appeals/overdue?executor=%FF", "", "", "UTF-8", bearer},
		{"NULInPath", "GET", "/api/v1/appeals/2026-000001%00", "", "", "NUL", bearer},
		{"KeyInTheURL", "GET", "/api/v1/appeals/overdue?api_key=" + key, "", "", "URL", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, v, _ := w.do(t, tt.method, tt.path, tt.ctype, tt.body, tt.header...)
			msg, _ := v["message"].(string)
			if code != http.StatusBadRequest || !strings.Contains(msg, tt.reason) {
				t.Fatalf("%s %s = %d %v, want 400 saying %q", tt.method, tt.path, code, v, tt.reason)
			}
		})
	}
	a, err := w.svc.Find(context.Background(), w.number)
	if err != nil || a.Status != cases.AppealRegistered {
		t.Fatalf("after refused changes the appeal is %+v, %v", a, err)
	}
}

// downStore is an appeal store whose database cannot be reached.
type downStore struct{ cases.AppealStore }

func (downStore) FindAppeal(context.Context, string) (cases.Appeal, error) {
	return cases.Appeal{}, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
}

func (downStore) UpdateAppeal(context.Context, string, func(*cases.Appeal) (cases.AppealEvent, error)) (cases.Appeal, error) {
	return cases.Appeal{}, fmt.Errorf("update appeal: %w", driver.ErrBadConn)
}

func (downStore) ListAppeals(context.Context, cases.AppealFilter) ([]cases.Appeal, error) {
	return nil, fmt.Errorf("list appeals: %w", context.DeadlineExceeded)
}

func TestUnavailableDatabaseIs503WithRetryAfter(t *testing.T) {
	w := newWorld(t)
	w.svc.Store = downStore{}
	for _, tt := range []struct{ method, path, body string }{
		{"GET", "/api/v1/appeals/" + w.number, ""},
		{"GET", "/api/v1/appeals/overdue", ""},
		{"POST", "/api/v1/appeals/" + w.number + "/status", `{"status":"in_progress"}`},
		{"POST", "/api/v1/appeals/lookup", `{"number":"` + w.number + `","pin":"` + w.pin + `"}`},
	} {
		code, v, header := w.do(t, tt.method, tt.path, "application/json", tt.body, bearer...)
		if code != http.StatusServiceUnavailable || v["error"] != vikno.EUNAVAILABLE || header.Get("Retry-After") == "" {
			t.Fatalf("%s %s with the database down = %d %v, Retry-After %q", tt.method, tt.path, code, v, header.Get("Retry-After"))
		}
	}
}
