package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
)

const kbUsage = `Usage:
  vikno kb import DIR            load a folder of Markdown articles into the database
  vikno kb export DIR            write every article to DIR in the same format
  vikno kb search [--kb DIR] [--json] QUERY
                                 ranked hits with scores (index from DIR, or the database)
  vikno kb eval --kb DIR --queries FILE.tsv
                                 search quality on an evaluation set (no database needed)
`

func (e env) kb(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, kbUsage)
		return flag.ErrHelp
	}
	switch args[0] {
	case "import":
		return e.kbImport(ctx, args[1:])
	case "export":
		return e.kbExport(ctx, args[1:])
	case "search":
		return e.kbSearch(ctx, args[1:])
	case "eval":
		return e.kbEval(ctx, args[1:])
	}
	return fmt.Errorf("unknown kb command %q\n%s", args[0], kbUsage)
}

// openKBStore opens the configured database for a kb subcommand; it also
// returns the configured city.
func (e env) openKBStore(ctx context.Context, c *common, args []string) (store, vikno.City, []string, error) {
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return nil, vikno.City{}, nil, err
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, vikno.City{}, nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, vikno.City{}, nil, err
	}
	return s, cfg.City, c.fs.Args(), nil
}

func (e env) kbImport(ctx context.Context, args []string) error {
	c := newCommon("kb import", e.stderr)
	by := c.fs.String("by", "import", "editor `name` recorded in the revision history")
	s, city, rest, err := e.openKBStore(ctx, c, args)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(rest) != 1 {
		return fmt.Errorf("kb import needs one folder")
	}
	// the rules of the article editor too, for what the import changes: all
	// articles pass or none is saved
	stored, err := s.ListArticles(ctx)
	if err != nil {
		return err
	}
	articles, err := knowledge.LoadDirChecked(rest[0], knowledge.SkipUnchanged(knowledge.CityCheck(city), stored))
	if err != nil {
		return err
	}
	st, err := s.SaveArticles(ctx, articles, *by)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d articles: %d new, %d updated, %d unchanged\n",
		len(articles), st.Created, st.Updated, st.Unchanged)
	return nil
}

func (e env) kbExport(ctx context.Context, args []string) error {
	c := newCommon("kb export", e.stderr)
	s, _, rest, err := e.openKBStore(ctx, c, args)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(rest) != 1 {
		return fmt.Errorf("kb export needs one folder")
	}
	articles, err := s.ListArticles(ctx)
	if err != nil {
		return err
	}
	if err := knowledge.WriteDir(rest[0], articles); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "exported %d articles to %s\n", len(articles), rest[0])
	return nil
}
