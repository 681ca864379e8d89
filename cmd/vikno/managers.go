package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/notify"
)

const managersUsage = `Usage:
  vikno managers invite --level 1|2|3 --scope ID [--name TEXT] [--ttl 72h]
  vikno managers list
  vikno managers revoke ID

Levels: 1 = one CNAP location (scope: location id), 2 = a region with
everything below it (scope: region id of an oblast, city or hromada),
3 = the whole country (scope: the country region, may be omitted).
Every command also takes --config FILE and --data DIR.
`

// managers runs `vikno managers invite|list|revoke`.
func (e env) managers(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, managersUsage)
		return fmt.Errorf("managers: say invite, list or revoke")
	}
	switch args[0] {
	case "invite":
		return e.managersInvite(ctx, args[1:])
	case "list":
		return e.managersList(ctx, args[1:])
	case "revoke":
		return e.managersRevoke(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, managersUsage)
		return nil
	}
	fmt.Fprint(e.stderr, managersUsage)
	return fmt.Errorf("managers: unknown command %q", args[0])
}

// openFeedback opens and migrates the store for a managers command.
func openFeedback(ctx context.Context, cfg configs.Config) (*cases.Feedback[notify.Message], func(), error) {
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	return &cases.Feedback[notify.Message]{Store: s, City: cfg.City}, func() { s.Close() }, nil
}

func (e env) managersInvite(ctx context.Context, args []string) error {
	c := newCommon("managers invite", e.stderr)
	level := c.fs.Int("level", 0, "access `level`: 1 location, 2 region, 3 country")
	scope := c.fs.String("scope", "", "location `id` (level 1) or region id (levels 2 and 3)")
	name := c.fs.String("name", "", "a `label` for the list, e.g. the manager's name")
	ttl := c.fs.Duration("ttl", 0, "how long the link works (default ratings.invite_ttl, 72h)")
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	if *ttl == 0 {
		*ttl = cfg.Ratings.InviteTTL
	}
	fb, done, err := openFeedback(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	inv, err := fb.CreateInvite(ctx, cases.Level(*level), *scope, *name, *ttl)
	if err != nil {
		return err
	}
	links, err := resolveLinks(ctx, cfg)
	switch {
	case err == nil:
		for _, l := range links.all(inv.Payload()) {
			fmt.Fprintln(e.stdout, l)
		}
	case vikno.ErrorCode(err) == vikno.EINVALID: // no messenger: the terminal chat can still use it
		fmt.Fprintf(e.stdout, "/start %s\n", inv.Payload())
	default:
		return err
	}
	fmt.Fprintf(e.stdout, "one-time invite: level %d, %s; expires %s\n", inv.Level,
		scopeLabel(cfg.City, inv.Level, inv.Scope), inv.ExpiresAt.In(cfg.City.Loc()).Format("2006-01-02 15:04 MST"))
	return nil
}

func (e env) managersList(ctx context.Context, args []string) error {
	c := newCommon("managers list", e.stderr)
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	fb, done, err := openFeedback(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	managers, err := fb.Store.ListManagers(ctx)
	if err != nil {
		return err
	}
	invites, err := fb.Store.ListInvites(ctx)
	if err != nil {
		return err
	}
	printManagers(e.stdout, cfg.City, managers, invites, time.Now())
	return nil
}

func printManagers(w io.Writer, city vikno.City, managers []cases.Manager, invites []cases.Invite, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tSCOPE\tNAME\tCHANNEL\tSINCE\tSTATUS")
	for _, m := range managers {
		status := "active"
		if !m.Active() {
			status = "revoked " + m.RevokedAt.In(city.Loc()).Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.Level, scopeLabel(city, m.Level, m.Scope), m.Name,
			m.Resident.Channel, m.CreatedAt.In(city.Loc()).Format("2006-01-02"), status)
	}
	tw.Flush()
	if len(invites) == 0 {
		return
	}
	fmt.Fprintln(w, "\nUnused invites:")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LEVEL\tSCOPE\tNAME\tEXPIRES")
	for _, inv := range invites {
		exp := inv.ExpiresAt.In(city.Loc()).Format("2006-01-02 15:04")
		if !now.Before(inv.ExpiresAt) {
			exp += " (expired)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", inv.Level, scopeLabel(city, inv.Level, inv.Scope), inv.Name, exp)
	}
	tw.Flush()
}

func (e env) managersRevoke(ctx context.Context, args []string) error {
	c := newCommon("managers revoke", e.stderr)
	if err := c.fs.Parse(args); err != nil {
		return err
	}
	if c.fs.NArg() != 1 {
		return fmt.Errorf("managers revoke: want one manager ID (see vikno managers list)")
	}
	id, err := strconv.ParseInt(c.fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("managers revoke: %q is not a manager ID", c.fs.Arg(0))
	}
	cfg, err := c.load(nil, e.environ)
	if err != nil {
		return err
	}
	fb, done, err := openFeedback(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	if err := fb.Store.RevokeManager(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "manager %d revoked: no more alerts, answers or digests\n", id)
	return nil
}

// scopeLabel names a scope for operators: "lviv (Львів)".
func scopeLabel(city vikno.City, level cases.Level, scope string) string {
	if level == cases.LevelLocation {
		if l, ok := city.Location(scope); ok {
			return scope + " (" + l.Name + ")"
		}
		return scope
	}
	if r, ok := city.Region(scope); ok {
		return scope + " (" + r.Name + ")"
	}
	return scope
}
