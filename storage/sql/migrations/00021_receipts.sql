-- +goose Up
-- What a channel reported about a message it took (Viber: delivered, seen,
-- failed), by the channel's message token, linked to the outbox message
-- the message belongs to when it is a notice.
CREATE TABLE receipts (
    channel    TEXT NOT NULL,
    token      TEXT NOT NULL,
    outbox_id  BIGINT,
    state      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    updated_at {{time}} NOT NULL,
    PRIMARY KEY (channel, token)
);
CREATE INDEX receipts_outbox ON receipts (outbox_id);

-- +goose Down
DROP TABLE receipts;
