-- +goose Up
-- The admin web's accounts, their sessions (only a hash of each token) and
-- the audit log of what staff changed.
CREATE TABLE staff_users (
    id            {{id}},
    login         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    level         INTEGER NOT NULL DEFAULT 0,
    scope         TEXT NOT NULL DEFAULT '',
    categories    {{json}} NOT NULL DEFAULT '[]',
    password_hash TEXT NOT NULL,
    disabled      {{bool}} NOT NULL DEFAULT {{false}},
    created_at    {{time}} NOT NULL,
    updated_at    {{time}} NOT NULL
);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    {{int8}} NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    created_at {{time}} NOT NULL,
    expires_at {{time}} NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);

CREATE TABLE staff_audit (
    id      {{id}},
    user_id {{int8}} NOT NULL DEFAULT 0,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT '',
    at      {{time}} NOT NULL
);

-- +goose Down
DROP TABLE staff_audit;
DROP TABLE staff_sessions;
DROP TABLE staff_users;
