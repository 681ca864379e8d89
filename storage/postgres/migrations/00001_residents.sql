-- +goose Up
CREATE TABLE residents (
    id          BIGSERIAL PRIMARY KEY,
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    locale      TEXT NOT NULL DEFAULT '',
    unreachable BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (channel, external_id)
);

-- +goose Down
DROP TABLE residents;
