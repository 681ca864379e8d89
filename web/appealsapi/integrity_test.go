package appealsapi_test

import (
	"context"
	"net/http"
	"testing"

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
