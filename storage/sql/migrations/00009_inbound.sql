-- +goose Up
-- The message pipeline's journal: every platform update is stored here,
-- under its de-duplication key, before the platform gets its answer.
CREATE TABLE inbound (
    id          {{id}},
    key         TEXT NOT NULL UNIQUE,
    channel     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    payload     {{json}} NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    received_at {{time}} NOT NULL
);
CREATE INDEX inbound_resident ON inbound (channel, user_id, state, id);
CREATE INDEX inbound_state ON inbound (state, received_at);

-- +goose Down
DROP TABLE inbound;
