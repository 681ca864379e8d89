-- +goose Up
-- The web chat's conversation: what the resident wrote and what the bot
-- answered, so that the page shows it again after a reload and on any
-- replica. Entries are purged after a retention period.
CREATE TABLE webchat (
    id         {{id}},
    user_id    TEXT NOT NULL,
    key        TEXT UNIQUE,
    outgoing   {{bool}} NOT NULL,
    body       {{json}} NOT NULL,
    created_at {{time}} NOT NULL
);
CREATE INDEX webchat_user ON webchat (user_id, id);
CREATE INDEX webchat_created ON webchat (created_at);

-- +goose Down
DROP TABLE webchat;
