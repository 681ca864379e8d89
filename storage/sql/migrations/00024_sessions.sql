-- +goose Up
-- Conversation sessions of a deployment without Redis (the embedded
-- default), so that a restart or a crash does not drop every resident's
-- conversation in progress. Deployments with Redis keep them there.
CREATE TABLE sessions (
    key        TEXT PRIMARY KEY,
    value      {{bytes}} NOT NULL,
    expires_at {{time}} NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- +goose Down
DROP TABLE sessions;
