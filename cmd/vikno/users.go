package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/staff"
)

const usersUsage = `Usage:
  vikno users add LOGIN [--admin | --role admin|editor|manager|executor|dispatcher] [--name TEXT]
                  [--level 1|2|3 --scope ID] [--categories ID,ID]
  vikno users passwd LOGIN
  vikno users list
  vikno users disable LOGIN   (enable LOGIN undoes it)

The password is read from standard input (typed twice, without echo, on a
terminal); never give it as an argument. Managers take a level and scope as
in "vikno managers invite"; executors take the appeal categories they handle.
Every command also takes --config FILE and --data DIR.
`

// users runs `vikno users add|passwd|list|disable|enable`.
func (e env) users(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usersUsage)
		return fmt.Errorf("users: say add, passwd, list or disable")
	}
	switch args[0] {
	case "add":
		return e.usersAdd(ctx, args[1:])
	case "passwd":
		return e.usersPasswd(ctx, args[1:])
	case "list":
		return e.usersList(ctx, args[1:])
	case "disable", "enable":
		return e.usersDisable(ctx, args[1:], args[0] == "disable")
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usersUsage)
		return nil
	}
	fmt.Fprint(e.stderr, usersUsage)
	return fmt.Errorf("users: unknown command %q", args[0])
}

// openStaff opens and migrates the store for a users command.
func openStaff(ctx context.Context, cfg configs.Config) (store, error) {
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// cliAudit is the audit entry of a change made on the command line.
func cliAudit(action, login string) staff.AuditEntry {
	return staff.AuditEntry{Actor: "cli", Action: action, Target: "user:" + login}
}

// loginArg takes the login when it comes before the flags; after them it
// is the first argument left once they are parsed (loginAfter).
func loginArg(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

// loginAfter returns login, or else the argument left after the flags;
// EINVALID when there is none.
func loginAfter(c *common, login string) (string, error) {
	if login == "" {
		login = c.fs.Arg(0)
	}
	if login == "" {
		return "", vikno.Errorf(vikno.EINVALID, "say which LOGIN")
	}
	return login, nil
}

func (e env) usersAdd(ctx context.Context, args []string) error {
	login, args := loginArg(args)
	c := newCommon("users add", e.stderr)
	admin := c.fs.Bool("admin", false, "same as --role admin")
	role := c.fs.String("role", "", "`role`: admin, editor, manager, executor or dispatcher")
	name := c.fs.String("name", "", "display `name` (default: the login)")
	level := c.fs.Int("level", 0, "manager's access `level`: 1 location, 2 region, 3 country")
	scope := c.fs.String("scope", "", "manager's location or region `id`")
	cats := c.fs.String("categories", "", "executor's appeal category `ids`, comma-separated")
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	if login, err = loginAfter(c, login); err != nil {
		return err
	}
	if *admin {
		*role = string(staff.RoleAdmin)
	}
	u := staff.User{Login: login, Name: *name, Role: staff.Role(*role), Level: cases.Level(*level), Scope: *scope}
	for _, c := range strings.Split(*cats, ",") {
		if c = strings.TrimSpace(c); c != "" {
			u.Categories = append(u.Categories, c)
		}
	}
	if u, err = u.Check(cfg.City); err != nil {
		return err
	}
	if u.PasswordHash, err = e.newPassword(); err != nil {
		return err
	}
	s, err := openStaff(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.CreateUser(ctx, u, cliAudit("user.create", u.Login)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "user %s created (%s); sign in at /admin/\n", u.Login, u.Role)
	return nil
}

func (e env) usersPasswd(ctx context.Context, args []string) error {
	login, args := loginArg(args)
	c := newCommon("users passwd", e.stderr)
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	if login, err = loginAfter(c, login); err != nil {
		return err
	}
	s, err := openStaff(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := s.FindUserByLogin(ctx, login)
	if err != nil {
		return err
	}
	hash, err := e.newPassword()
	if err != nil {
		return err
	}
	if err := s.SetPassword(ctx, u.ID, hash, cliAudit("user.passwd", u.Login)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "password of %s changed; its sessions are ended\n", u.Login)
	return nil
}

func (e env) usersDisable(ctx context.Context, args []string, disable bool) error {
	login, args := loginArg(args)
	c := newCommon("users disable", e.stderr)
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	if login, err = loginAfter(c, login); err != nil {
		return err
	}
	s, err := openStaff(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := s.FindUserByLogin(ctx, login)
	if err != nil {
		return err
	}
	u.Disabled = disable
	action := map[bool]string{true: "user.disable", false: "user.enable"}[disable]
	if _, err := s.UpdateUser(ctx, u, cliAudit(action, u.Login)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "user %s %sd\n", u.Login, strings.TrimPrefix(action, "user."))
	return nil
}

func (e env) usersList(ctx context.Context, args []string) error {
	c := newCommon("users list", e.stderr)
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	s, err := openStaff(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	users, err := s.ListUsers(ctx)
	if err != nil {
		return err
	}
	printUsers(e.stdout, cfg.City, users)
	return nil
}

func printUsers(w io.Writer, city vikno.City, users []staff.User) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LOGIN\tNAME\tROLE\tSCOPE\tSTATUS")
	for _, u := range users {
		scope := ""
		switch u.Role {
		case staff.RoleManager:
			scope = "level " + strconv.Itoa(int(u.Level)) + ", " + scopeLabel(city, u.Level, u.Scope)
		case staff.RoleExecutor:
			scope = strings.Join(u.Categories, ",")
		}
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Login, u.Name, u.Role, scope, status)
	}
	tw.Flush()
}

// newPassword reads a new password from stdin and hashes it. On a terminal
// it asks twice without echo; otherwise it reads the first line.
func (e env) newPassword() (string, error) {
	var pw string
	if f, ok := e.stdin.(*os.File); ok && isTerminal(f) {
		first, err := readSecret(f, e.stderr, "Password: ")
		if err != nil {
			return "", err
		}
		second, err := readSecret(f, e.stderr, "Repeat the password: ")
		if err != nil {
			return "", err
		}
		if first != second {
			return "", vikno.Errorf(vikno.EINVALID, "the passwords differ")
		}
		pw = first
	} else {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", vikno.Errorf(vikno.EINVALID, "give the password on standard input")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if err := staff.CheckPassword(pw); err != nil {
		return "", err
	}
	return staff.HashPassword(pw)
}

// readSecret prints prompt and reads a line from the terminal f with echo
// off.
func readSecret(f *os.File, prompt io.Writer, text string) (string, error) {
	fmt.Fprint(prompt, text)
	restore := noEcho(f)
	line, err := bufio.NewReader(f).ReadString('\n')
	restore()
	fmt.Fprintln(prompt)
	if err != nil && line == "" {
		return "", vikno.Errorf(vikno.EINVALID, "no password given")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
