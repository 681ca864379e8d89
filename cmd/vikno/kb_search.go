package main

import (
	"context"
	"errors"
)

func (e env) kbSearch(ctx context.Context, args []string) error {
	return errors.New("kb search: search index not wired yet")
}

func (e env) kbEval(ctx context.Context, args []string) error {
	return errors.New("kb eval: search index not wired yet")
}
