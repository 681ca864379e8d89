-- +goose Up
-- Times not set yet are NULL, as in PostgreSQL, not '': SQLite cannot drop a
-- NOT NULL constraint, so these tables are copied into new ones. Migration 8
-- then writes every time in one sortable encoding.
CREATE TABLE outbox_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    key          TEXT NOT NULL UNIQUE,
    resident_id  INTEGER NOT NULL,
    channel      TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    replies      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TEXT NOT NULL,
    lease_until  TEXT,
    error        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    sent_at      TEXT
);
INSERT INTO outbox_new SELECT id, key, resident_id, channel, user_id, kind, replies, status, attempts, next_at,
    NULLIF(lease_until, ''), error, created_at, NULLIF(sent_at, '') FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_at);

CREATE TABLE ratings_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    location_id TEXT NOT NULL,
    point       TEXT NOT NULL DEFAULT '',
    day         TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    aspects     TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen', 'answered')),
    answer      TEXT NOT NULL DEFAULT '',
    answered_by INTEGER NOT NULL DEFAULT 0,
    answered_at TEXT,
    revision    INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (resident_id, location_id, day)
);
INSERT INTO ratings_new SELECT id, resident_id, location_id, point, day, score, aspects, comment, status, answer,
    answered_by, NULLIF(answered_at, ''), revision, created_at, updated_at FROM ratings;
DROP TABLE ratings;
ALTER TABLE ratings_new RENAME TO ratings;
CREATE INDEX ratings_location_day ON ratings (location_id, day);
CREATE INDEX ratings_day ON ratings (day);

CREATE TABLE managers_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    scope       TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
INSERT INTO managers_new SELECT id, resident_id, level, scope, name, created_at, NULLIF(revoked_at, '') FROM managers;
DROP TABLE managers;
ALTER TABLE managers_new RENAME TO managers;
CREATE UNIQUE INDEX managers_active_resident ON managers (resident_id) WHERE revoked_at IS NULL;

CREATE TABLE manager_invites_new (
    token      TEXT PRIMARY KEY,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    scope      TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    manager_id INTEGER NOT NULL DEFAULT 0
);
INSERT INTO manager_invites_new SELECT token, level, scope, name, created_at, expires_at, NULLIF(used_at, ''),
    manager_id FROM manager_invites;
DROP TABLE manager_invites;
ALTER TABLE manager_invites_new RENAME TO manager_invites;

-- +goose Down
SELECT 1;
