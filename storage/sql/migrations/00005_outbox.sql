-- +goose Up
CREATE TABLE outbox (
    id           {{id}},
    key          TEXT NOT NULL UNIQUE,
    resident_id  {{int8}} NOT NULL,
    channel      TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    replies      {{json}} NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      {{time}} NOT NULL,
    lease_until  {{time}}, -- only: postgres
    lease_until  TEXT NOT NULL DEFAULT '', -- only: sqlite
    error        TEXT NOT NULL DEFAULT '',
    created_at   {{time}} NOT NULL,
    sent_at      {{time}} -- only: postgres
    sent_at      TEXT NOT NULL DEFAULT '' -- only: sqlite
);
CREATE INDEX outbox_due ON outbox (status, next_at);

-- +goose Down
DROP TABLE outbox;
