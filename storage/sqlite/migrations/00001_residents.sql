-- +goose Up
CREATE TABLE residents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    locale      TEXT NOT NULL DEFAULT '',
    unreachable INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (channel, external_id)
);

-- +goose Down
DROP TABLE residents;
