-- +goose Up
-- Conversation sessions, so that a restart or a crash does not drop every
-- resident's conversation in progress. (Written first for the embedded
-- default; since then PostgreSQL deployments keep them here too, each
-- written with its turn's replies, instead of in Redis.)
CREATE TABLE sessions (
    key        TEXT PRIMARY KEY,
    value      {{bytes}} NOT NULL,
    expires_at {{time}} NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- +goose Down
DROP TABLE sessions;
