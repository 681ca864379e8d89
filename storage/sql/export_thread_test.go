package sqlstore

import "time"

// EncodeTime encodes t as the dialect stores times, for rows tests write
// by hand.
func (d *DB) EncodeTime(t time.Time) any { return d.t(t) }
