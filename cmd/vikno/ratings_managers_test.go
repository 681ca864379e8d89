package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

var ratingsInvitePayload = regexp.MustCompile(`start=(m_[A-Za-z0-9_-]{16})\n`)

func TestManagersInviteListRevoke(t *testing.T) {
	data := t.TempDir()
	env := []string{"VIKNO_DATA_DIR=" + data, "VIKNO_TELEGRAM_USERNAME=vikno_demo_bot"}
	r := runCLI(t, "", env, "managers", "invite", "--level", "2", "--scope", "lviv", "--name", "Олена", "--ttl", "24h")
	m := ratingsInvitePayload.FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil || !strings.Contains(r.stdout, "https://t.me/vikno_demo_bot?start=m_") ||
		!strings.Contains(r.stdout, "level 2, lviv (Львів)") {
		t.Fatalf("invite: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if l := runCLI(t, "", env, "managers", "list"); !strings.Contains(l.stdout, "Unused invites") || !strings.Contains(l.stdout, "Олена") {
		t.Fatalf("list before joining:\n%s", l.stdout)
	}

	// The manager opens the link (here in the terminal channel).
	cfg := testConfig(t)
	cfg.DataDir = data
	cfg.Ratings.DigestHour = -1
	app := MustRunMain(t, cfg)
	replies, err := app.Handler.Handle(context.Background(),
		dialog.Update{Channel: vikno.Terminal, UserID: "olena", Text: "/start " + m[1]})
	if err != nil || len(replies) == 0 || !strings.Contains(replies[0].Text.String(), "усі ЦНАП: Львів") {
		t.Fatalf("join: %v %+v", err, replies)
	}
	app.Close()

	l := runCLI(t, "", env, "managers", "list")
	if l.code != 0 || !regexp.MustCompile(`(?m)^1\s+2\s+lviv \(Львів\)\s+Олена\s+terminal\s+\S+\s+active$`).MatchString(l.stdout) ||
		strings.Contains(l.stdout, "Unused invites") {
		t.Fatalf("list after joining:\n%s", l.stdout)
	}
	if rv := runCLI(t, "", env, "managers", "revoke", "1"); rv.code != 0 || !strings.Contains(rv.stdout, "manager 1 revoked") {
		t.Fatalf("revoke: exit %d\n%s%s", rv.code, rv.stdout, rv.stderr)
	}
	if l := runCLI(t, "", env, "managers", "list"); !strings.Contains(l.stdout, "revoked") {
		t.Fatalf("list after revoking:\n%s", l.stdout)
	}
}

func TestManagersCommandErrors(t *testing.T) {
	env := []string{"VIKNO_DATA_DIR=" + t.TempDir()}
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"NoCommand", []string{"managers"}, "invite, list or revoke"},
		{"UnknownCommand", []string{"managers", "fire"}, `unknown command "fire"`},
		{"BadLevel", []string{"managers", "invite", "--level", "4", "--scope", "lviv"}, "level must be 1, 2 or 3"},
		{"LocationScopeOfLevelTwo", []string{"managers", "invite", "--level", "2", "--scope", "cnap-center"}, "level 2 needs a region"},
		{"UnknownLocation", []string{"managers", "invite", "--level", "1", "--scope", "lviv"}, "level 1 needs a location"},
		{"CountryNotARegion", []string{"managers", "invite", "--level", "3", "--scope", "lviv"}, "level 3 needs the country"},
		{"RevokeWithoutID", []string{"managers", "revoke"}, "want one manager ID"},
		{"RevokeUnknown", []string{"managers", "revoke", "42"}, "manager 42 not found"},
		{"BadDigestHour", []string{"managers", "list"}, "ratings.digest_hour"},
		{"BadInviteTTL", []string{"managers", "list"}, "ratings.invite_ttl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env
			switch tt.name {
			case "BadDigestHour":
				e = append(e, "VIKNO_RATINGS_DIGEST_HOUR=24")
			case "BadInviteTTL":
				e = append(e, "VIKNO_RATINGS_INVITE_TTL=soon")
			}
			r := runCLI(t, "", e, tt.args...)
			if r.code == 0 || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant %q", r.code, r.stderr, tt.stderr)
			}
		})
	}
}

func TestManagersInviteWithoutAMessengerPrintsThePayload(t *testing.T) {
	r := runCLI(t, "", []string{"VIKNO_DATA_DIR=" + t.TempDir()}, "managers", "invite", "--level", "3")
	if r.code != 0 || !regexp.MustCompile(`^/start m_[A-Za-z0-9_-]{16}\n`).MatchString(r.stdout) ||
		!strings.Contains(r.stdout, "ua (Україна)") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
