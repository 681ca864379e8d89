package main

import (
	"context"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/staff"
)

func TestUsersCommandsManageAccountsWithoutPasswordsInArgs(t *testing.T) {
	cfg := testConfig(t)
	env := []string{"VIKNO_DATA_DIR=" + cfg.DataDir}
	loc := cfg.City.Locations[0].ID

	if r := runCLI(t, "довгий пароль 1\n", env, "users", "add", "olena", "--admin", "--name", "Олена"); r.code != 0 || !strings.Contains(r.stdout, "olena created") {
		t.Fatalf("users add = %+v", r)
	}
	if r := runCLI(t, "короткий\n", env, "users", "add", "ivan", "--role", "editor"); r.code != 1 || !strings.Contains(r.stderr, "at least 10") {
		t.Fatalf("short password: %+v", r)
	}
	if r := runCLI(t, "довгий пароль 2\n", env, "users", "add", "olena", "--role", "editor"); r.code != 1 || !strings.Contains(r.stderr, "taken") {
		t.Fatalf("taken login: %+v", r)
	}
	if r := runCLI(t, "довгий пароль 3\n", env, "users", "add", "--role", "manager", "--level", "1", "--scope", loc, "petro"); r.code != 0 {
		t.Fatalf("manager with flags first: %+v", r)
	}
	if r := runCLI(t, "довгий пароль 3\n", env, "users", "add", "mykola", "--role", "manager", "--level", "1", "--scope", "nowhere"); r.code != 1 || !strings.Contains(r.stderr, "nowhere") {
		t.Fatalf("manager of an unknown location: %+v", r)
	}
	if r := runCLI(t, "новий довгий пароль\n", env, "users", "passwd", "olena"); r.code != 0 {
		t.Fatalf("users passwd = %+v", r)
	}
	if r := runCLI(t, "", env, "users", "disable", "petro"); r.code != 0 {
		t.Fatalf("users disable = %+v", r)
	}
	r := runCLI(t, "", env, "users", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "olena") || !strings.Contains(r.stdout, "admin") ||
		!strings.Contains(r.stdout, "disabled") || strings.Contains(r.stdout, "mykola") {
		t.Fatalf("users list = %+v", r)
	}

	s, err := openStaff(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.FindUserByLogin(context.Background(), "olena")
	if err != nil || !staff.VerifyPassword(u.PasswordHash, "новий довгий пароль") || staff.VerifyPassword(u.PasswordHash, "довгий пароль 1") {
		t.Fatalf("olena = %+v, %v; want the new password", u, err)
	}
	audit, _ := s.ListAudit(context.Background(), 10)
	if len(audit) != 4 || audit[0].Action != "user.disable" || audit[0].Actor != "cli" {
		t.Fatalf("audit = %+v", audit)
	}
}
