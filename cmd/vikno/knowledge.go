package main

import "context"

// openKnowledge builds the knowledge base's index and registers the FAQ flow.
func (m *Main) openKnowledge(ctx context.Context) error {
	return nil
}
