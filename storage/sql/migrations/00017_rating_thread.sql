-- +goose Up
-- The thread of a rating: every answer of a manager (from a Telegram alert
-- or from the admin web) and every reply of the resident, in order. The
-- ratings row keeps the latest of each. key is the outbox key of the message
-- the entry sent, so a redelivered or double-submitted answer is kept once.
CREATE TABLE rating_messages (
    id         {{id}},
    rating_id  {{int8}} NOT NULL REFERENCES ratings (id),
    author     TEXT NOT NULL CHECK (author IN ('manager', 'staff', 'resident')),
    manager_id {{int8}} NOT NULL DEFAULT 0,
    staff_id   {{int8}} NOT NULL DEFAULT 0,
    name       TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    key        TEXT NOT NULL UNIQUE,
    created_at {{time}} NOT NULL
);
CREATE INDEX rating_messages_rating ON rating_messages (rating_id, id);

-- The answers and replies kept before threads start them.
INSERT INTO rating_messages (rating_id, author, manager_id, name, body, key, created_at)
    SELECT f.id, 'manager', f.answered_by, COALESCE(m.name, ''), f.answer, 'earlier:answer:' || f.id,
        COALESCE(f.answered_at, f.updated_at)
    FROM ratings f LEFT JOIN managers m ON m.id = f.answered_by WHERE f.answer <> '' ORDER BY f.id;
INSERT INTO rating_messages (rating_id, author, body, key, created_at)
    SELECT f.id, 'resident', f.reply, 'earlier:reply:' || f.id, COALESCE(f.replied_at, f.updated_at)
    FROM ratings f WHERE f.reply <> '' ORDER BY f.id;

-- +goose Down
DROP TABLE rating_messages;
