package main

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/internal/testenv"
)

// figures parses "key=value" pairs of one result line of vikno bench.
func figures(t *testing.T, line string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, f := range strings.Fields(line) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			t.Fatalf("field %q of %q is not key=value", f, line)
		}
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			out[k] = n
		}
	}
	return out
}

// The load tool drives both the echo floor and the whole program through
// the webhook; simulated residents walk appeals and bookings to the end by
// pressing the buttons the bot offers, and every update gets its reply.
func TestBenchDrivesWholeConversations(t *testing.T) {
	if testing.Short() {
		t.Skip("load run")
	}
	bench := func(args ...string) string { return runBench(t, nil, args...) }
	// Generous time: under -race on a busy machine the whole program
	// handles a few dozen updates a second, and per-chat pacing spaces
	// each conversation's messages: a reply can take seconds, and a
	// resident who gave up after 5 s would count as abandoned.
	lines := []string{
		bench("--target", "echo", "--workers", "4", "--chats", "16", "--duration", "2s"),
		bench("--target", "vikno", "--scripts", "appeal,booking", "--workers", "4", "--chats", "16", "--duration", "25s", "--await", "30s"),
	}
	if !strings.HasPrefix(lines[0], "target=echo ") || !strings.HasPrefix(lines[1], "target=vikno ") {
		t.Fatalf("want an echo line and a vikno line, got:\n%s", strings.Join(lines, "\n"))
	}
	for _, line := range lines {
		f := figures(t, line)
		if f["updates"] < 1 || f["updates_per_s"] <= 0 || f["reply_p50_ms"] <= 0 {
			t.Errorf("no load measured: %s", line)
		}
		if f["errors"] != 0 || f["no_reply"] != 0 {
			t.Errorf("updates failed or went unanswered: %s", line)
		}
		if f["process_cpu_ms_per_update"] <= 0 {
			t.Errorf("no CPU time per update: %s", line)
		}
	}
	vikno := figures(t, lines[1])
	if vikno["completed_appeal"] < 1 || vikno["completed_booking"] < 1 || vikno["abandoned"] != 0 {
		t.Errorf("residents did not walk appeals and bookings to the end: %s", lines[1])
	}
	// The Bot API requests each target made: the echo one message per
	// update; Vikno answers the pressed buttons in the webhook's answer,
	// not with requests of its own, and sends at least one message per
	// update.
	echo := figures(t, lines[0])
	if echo["api_requests_per_update"] != 1 || echo["sendMessage"] != echo["updates"] {
		t.Errorf("echo requests: %s", lines[0])
	}
	if _, ok := vikno["answerCallbackQuery"]; ok || vikno["sendMessage"] < vikno["updates"] || vikno["api_requests_per_update"] < 1 {
		t.Errorf("vikno requests: %s", lines[1])
	}
}

// The pipeline target runs the whole program's message path with an echo in
// place of the dialog: every update is journaled, handled once and answered
// with exactly one message, whatever the residents' scripts expect.
func TestBenchPipelineTargetEchoesThroughTheJournal(t *testing.T) {
	if testing.Short() {
		t.Skip("load run")
	}
	line := runBench(t, nil, "--target", "pipeline", "--workers", "4", "--chats", "16", "--duration", "2s")
	if !strings.HasPrefix(line, "target=pipeline ") {
		t.Fatalf("want a pipeline line, got %q", line)
	}
	f := figures(t, line)
	if f["updates"] < 1 || f["errors"] != 0 || f["no_reply"] != 0 {
		t.Errorf("updates failed or went unanswered: %s", line)
	}
	// replies are sent after the webhook's answer: those of the last
	// updates (one per worker at most) may still be on their way when the
	// run ends
	if f["sendMessage"] > f["updates"] || f["sendMessage"] < f["updates"]-4 || f["editMessageReplyMarkup"] != 0 || f["answerCallbackQuery"] != 0 {
		t.Errorf("want one sendMessage per update and nothing else: %s", line)
	}
}

// runBench runs vikno bench with args and the environment env, and returns
// its output.
func runBench(t *testing.T, env []string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"bench"}, args...), nil, &stdout, &stderr, append(env, "VIKNO_LOG_LEVEL=error"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return strings.TrimSpace(stdout.String())
}

// Three replicas on PostgreSQL + Redis take the updates in turn, as behind
// a load balancer: every conversation goes on whichever replica gets its
// next update, and no update fails or goes unanswered.
func TestBenchSpreadsUpdatesOverReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("load run")
	}
	redisURL, prefix := testenv.Redis(t)
	env := []string{"VIKNO_DATABASE_URL=" + testenv.PostgresURL(t), "VIKNO_REDIS_URL=" + redisURL, "VIKNO_REDIS_PREFIX=" + prefix}
	line := runBench(t, env, "--target", "vikno", "--replicas", "3", "--scripts", "appeal,booking",
		"--workers", "3", "--chats", "9", "--duration", "20s", "--await", "30s")
	f := figures(t, line)
	if f["updates"] < 1 || f["errors"] != 0 || f["no_reply"] != 0 || f["abandoned"] != 0 {
		t.Errorf("updates failed, went unanswered or conversations were abandoned: %s", line)
	}
	if f["completed_appeal"]+f["completed_booking"] < 1 {
		t.Errorf("no conversation was walked to the end across replicas: %s", line)
	}
}
