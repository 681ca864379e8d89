package sqlstore

import "context"

// Exec runs a statement on the database (tests write rows the store API
// cannot, such as a schema version from the future).
func (d *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := d.db.ExecContext(ctx, query, args...)
	return err
}

// MigrateTo applies the migrations up to version v only.
func (d *DB) MigrateTo(ctx context.Context, v int64) error {
	p, err := d.provider(ctx)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, v)
	return err
}
