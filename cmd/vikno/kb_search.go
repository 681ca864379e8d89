package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
)

// searcher is an index to search from the command line.
type searcher interface {
	Search(query string, opts knowledge.SearchOptions) (knowledge.Result, error)
}

func (e env) kbSearch(ctx context.Context, args []string) error {
	c := newCommon("kb search", e.stderr)
	dir := c.fs.String("kb", "", "build the index from this `folder` instead of the database")
	asJSON := c.fs.Bool("json", false, "print the result as JSON")
	limit := c.fs.Int("n", 5, "number of hits")
	morph := c.fs.String("morphology", "", "read word forms with the Hunspell dictionary uk_UA in this `folder` (with --kb; otherwise morphology_dir of the config)")
	if err := c.fs.Parse(args); err != nil {
		return err
	}
	query := strings.Join(c.fs.Args(), " ")
	if query == "" {
		return vikno.Errorf(vikno.EINVALID, "kb search needs a query")
	}
	idx, closeIdx, err := e.openSearcher(ctx, c, *dir, *morph)
	if err != nil {
		return err
	}
	defer closeIdx()
	res, err := idx.Search(query, knowledge.SearchOptions{Locale: knowledge.GuessLocale(query), Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(e.stdout, "verdict=%s coverage=%.2f locale=%s\n", res.Verdict, res.Coverage, res.Locale)
	for i, h := range res.Hits {
		fmt.Fprintf(e.stdout, "%d. %.4f  %s  %s\n", i+1, h.Score, h.ID, h.Title)
	}
	return nil
}

// openSearcher returns an index of the folder dir (read with the morphology
// dictionary in folder morph, if any), or of the database when dir is empty
// (with the configured morphology_dir).
func (e env) openSearcher(ctx context.Context, c *common, dir, morph string) (searcher, func(), error) {
	if dir != "" {
		articles, err := knowledge.LoadDir(dir)
		if err != nil {
			return nil, nil, err
		}
		idx, err := knowledge.NewIndex(articles, knowledge.Options{Morphology: morph})
		if err != nil {
			return nil, nil, err
		}
		return idx, func() { idx.Close() }, nil
	}
	cfg, err := c.load(nil, e.environ)
	if err != nil {
		return nil, nil, err
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	if err := s.CheckSchema(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	svc, err := knowledge.NewService(ctx, s, nil, knowledge.Options{Morphology: cfg.MorphologyDir}, nil)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return svc, func() { s.Close() }, nil
}

func (e env) kbEval(_ context.Context, args []string) error {
	c := newCommon("kb eval", e.stderr)
	dir := c.fs.String("kb", "", "knowledge-base `folder` to index")
	queriesPath := c.fs.String("queries", "", "evaluation `file`: query<TAB>expected-id per line")
	verbose := c.fs.Bool("v", false, "print every miss")
	morph := c.fs.String("morphology", "", "read word forms with the Hunspell dictionary uk_UA in this `folder` (/usr/share/hunspell with hunspell-uk)")
	if err := c.fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *queriesPath == "" {
		return vikno.Errorf(vikno.EINVALID, "kb eval needs --kb DIR and --queries FILE")
	}
	articles, err := knowledge.LoadDir(*dir)
	if err != nil {
		return err
	}
	f, err := os.Open(*queriesPath)
	if err != nil {
		return err
	}
	defer f.Close()
	queries, err := knowledge.ParseQueries(f)
	if err != nil {
		return err
	}
	_, err = knowledge.RunEval(e.stdout, articles, queries, knowledge.EvalOptions{Verbose: *verbose, Index: knowledge.Options{Morphology: *morph}})
	return err
}
