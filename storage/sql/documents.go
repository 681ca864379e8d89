package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

var _ cases.DocumentsStore = (*DB)(nil)

const trackedColumns = `id, resident_id, reference, created_at`

const documentsColumns = `id, request_key, reference, location_id, details, until_day, created_at, expires_at`

// TrackCase implements cases.DocumentsStore.
func (d *DB) TrackCase(ctx context.Context, residentID int64, reference string) (cases.TrackedCase, error) {
	_, err := d.db.ExecContext(ctx, `INSERT INTO tracked_cases (resident_id, reference, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (resident_id, reference) DO NOTHING`, residentID, reference, d.now())
	if err != nil {
		return cases.TrackedCase{}, fmt.Errorf("track case: %w", unavailable(err))
	}
	t, err := scanTracked(d.db.QueryRowContext(ctx, `SELECT `+trackedColumns+` FROM tracked_cases
		WHERE resident_id = $1 AND reference = $2`, residentID, reference))
	if err != nil {
		return t, fmt.Errorf("track case: %w", err)
	}
	return t, nil
}

// TrackedCases implements cases.DocumentsStore.
func (d *DB) TrackedCases(ctx context.Context, residentID int64) ([]cases.TrackedCase, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+trackedColumns+` FROM tracked_cases WHERE resident_id = $1 ORDER BY id`, residentID)
	out, err := collect(rows, err, scanTracked)
	if err != nil {
		return nil, fmt.Errorf("tracked cases: %w", err)
	}
	return out, nil
}

// UntrackCase implements cases.DocumentsStore.
func (d *DB) UntrackCase(ctx context.Context, residentID, id int64) error {
	n, err := affected(d.db.ExecContext(ctx, `DELETE FROM tracked_cases WHERE id = $1 AND resident_id = $2`, id, residentID))
	if err != nil {
		return fmt.Errorf("untrack case: %w", err)
	}
	if n == 0 {
		return vikno.Errorf(vikno.ENOTFOUND, "no such tracked case")
	}
	return nil
}

// caseOwners are the reachable residents a reference belongs to.
const caseOwners = `SELECT ` + residentColumns + ` FROM residents WHERE unreachable = $2 AND id IN (
	SELECT resident_id FROM tracked_cases WHERE reference = $1
	UNION SELECT resident_id FROM appeals WHERE number = $1 AND resident_id IS NOT NULL
	UNION SELECT resident_id FROM visits WHERE code = $1) ORDER BY id`

// SaveDocumentsReady implements cases.DocumentsStore.
func (d *DB) SaveDocumentsReady(ctx context.Context, doc cases.DocumentsReady) (cases.DocumentsReady, []cases.NoticeRecipient, error) {
	var owners []cases.NoticeRecipient
	err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO documents_ready (request_key, reference, location_id, details, until_day, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_key) DO NOTHING`,
			doc.RequestKey, doc.Reference, doc.LocationID, doc.Details, doc.Until, d.now(), d.t(doc.ExpiresAt))
		if err != nil {
			return err
		}
		doc, err = scanDocuments(tx.QueryRowContext(ctx, `SELECT `+documentsColumns+` FROM documents_ready WHERE request_key = $1`, doc.RequestKey))
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, caseOwners, doc.Reference, false)
		owners, err = collect(rows, err, scanResident)
		return err
	})
	if err != nil {
		return doc, nil, fmt.Errorf("documents ready: %w", unavailable(err))
	}
	return doc, owners, nil
}

// WaitingDocuments implements cases.DocumentsStore.
func (d *DB) WaitingDocuments(ctx context.Context, reference string, now time.Time) ([]cases.DocumentsReady, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+documentsColumns+` FROM documents_ready
		WHERE reference = $1 AND expires_at > $2 ORDER BY id`, reference, d.t(now))
	out, err := collect(rows, err, scanDocuments)
	if err != nil {
		return nil, fmt.Errorf("waiting documents: %w", err)
	}
	return out, nil
}

func scanTracked(s scanner) (cases.TrackedCase, error) {
	var t cases.TrackedCase
	if err := s.Scan(&t.ID, &t.ResidentID, &t.Reference, at(&t.CreatedAt)); err != nil {
		return t, notFound(err, "tracked case")
	}
	return t, nil
}

func scanDocuments(s scanner) (cases.DocumentsReady, error) {
	var doc cases.DocumentsReady
	err := s.Scan(&doc.ID, &doc.RequestKey, &doc.Reference, &doc.LocationID, &doc.Details, &doc.Until,
		at(&doc.CreatedAt), at(&doc.ExpiresAt))
	if errors.Is(err, sql.ErrNoRows) {
		return doc, vikno.Errorf(vikno.ENOTFOUND, "documents notice not found")
	}
	return doc, err
}
