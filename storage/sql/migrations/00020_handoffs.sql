-- +goose Up
-- Live hand-off to a human operator: a resident's conversation waiting in
-- the operators' queue, taken by one operator, then given back to the bot.
-- A resident has at most one hand-off that is not closed (the partial
-- unique index), so two replicas cannot queue the same resident twice.
CREATE TABLE handoffs (
    id            {{id}},
    resident_id   {{int8}} NOT NULL REFERENCES residents (id),
    status        TEXT NOT NULL,
    operator_id   {{int8}} NOT NULL DEFAULT 0,
    operator_name TEXT NOT NULL DEFAULT '',
    ended_by      TEXT NOT NULL DEFAULT '',
    created_at    {{time}} NOT NULL,
    taken_at      {{time}},
    ended_at      {{time}},
    last_at       {{time}} NOT NULL
);
CREATE UNIQUE INDEX handoffs_open ON handoffs (resident_id) WHERE status <> 'closed';
CREATE INDEX handoffs_status ON handoffs (status, created_at);

-- The conversation's messages, both ways. key makes a resident's message
-- (the update id) and an operator's (the form's reference) stored once.
CREATE TABLE handoff_messages (
    id         {{id}},
    handoff_id {{int8}} NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    staff_id   {{int8}} NOT NULL DEFAULT 0,
    name       TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    key        TEXT UNIQUE,
    created_at {{time}} NOT NULL
);
CREATE INDEX handoff_messages_handoff ON handoff_messages (handoff_id, id);

-- Call-back requests for the hotline: the resident's own phone number.
CREATE TABLE callbacks (
    id          {{id}},
    resident_id {{int8}} NOT NULL REFERENCES residents (id),
    phone       TEXT NOT NULL,
    key         TEXT UNIQUE,
    created_at  {{time}} NOT NULL
);
CREATE INDEX callbacks_created ON callbacks (created_at);

-- +goose Down
DROP TABLE callbacks;
DROP TABLE handoff_messages;
DROP TABLE handoffs;
