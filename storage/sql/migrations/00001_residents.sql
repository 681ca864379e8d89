-- +goose Up
CREATE TABLE residents (
    id          {{id}},
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    locale      TEXT NOT NULL DEFAULT '',
    unreachable {{bool}} NOT NULL DEFAULT {{false}},
    created_at  {{time}} NOT NULL,
    updated_at  {{time}} NOT NULL,
    UNIQUE (channel, external_id)
);

-- +goose Down
DROP TABLE residents;
