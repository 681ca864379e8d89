-- +goose Up
-- Appeals (звернення), their history and the yearly number sequence.
-- Times are UTC text with nine fractional digits, so that they sort as text.
CREATE TABLE appeal_numbers (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE appeals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    number       TEXT NOT NULL UNIQUE,
    pin_hash     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    resident_id  INTEGER REFERENCES residents (id),
    client_token TEXT,
    category     TEXT NOT NULL,
    executor     TEXT NOT NULL,
    description  TEXT NOT NULL CHECK (length(description) <= 4000),
    address      TEXT NOT NULL DEFAULT '',
    lat          REAL,
    lon          REAL,
    photos       TEXT NOT NULL DEFAULT '[]',
    phone        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    rating       INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    due_at       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    closed_at    TEXT,
    -- A double tap on "confirm" files one appeal.
    UNIQUE (resident_id, client_token),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (address <> '' OR lat IS NOT NULL)
);

CREATE INDEX appeals_status_due ON appeals (status, due_at);
CREATE INDEX appeals_created ON appeals (created_at);
CREATE INDEX appeals_executor ON appeals (executor, status);

CREATE TABLE appeal_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    appeal_id   INTEGER NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    actor_kind  TEXT NOT NULL,
    actor       TEXT NOT NULL DEFAULT ''
);

CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, id);

-- +goose Down
DROP TABLE appeal_events;
DROP TABLE appeals;
DROP TABLE appeal_numbers;
