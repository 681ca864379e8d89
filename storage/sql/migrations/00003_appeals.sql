-- +goose Up
-- Appeals (звернення), their history and the yearly number sequence.
CREATE TABLE appeal_numbers (
    year INTEGER PRIMARY KEY,
    last {{int8}} NOT NULL
);

CREATE TABLE appeals (
    id           {{id}},
    number       TEXT NOT NULL UNIQUE,
    pin_hash     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    resident_id  {{int8}} REFERENCES residents (id),
    client_token TEXT,
    category     TEXT NOT NULL,
    executor     TEXT NOT NULL,
    description  TEXT NOT NULL CHECK (length(description) <= 4000),
    address      TEXT NOT NULL DEFAULT '',
    lat          {{float}},
    lon          {{float}},
    photos       TEXT[] NOT NULL DEFAULT '{}', -- only: postgres
    photos       TEXT NOT NULL DEFAULT '[]', -- only: sqlite
    phone        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    rating       {{int2}} NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    due_at       {{time}} NOT NULL,
    created_at   {{time}} NOT NULL,
    updated_at   {{time}} NOT NULL,
    closed_at    {{time}},
    -- A double tap on "confirm" files one appeal.
    UNIQUE (resident_id, client_token),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (address <> '' OR lat IS NOT NULL)
);

CREATE INDEX appeals_status_due ON appeals (status, due_at);
CREATE INDEX appeals_created ON appeals (created_at);
CREATE INDEX appeals_executor ON appeals (executor, status);

CREATE TABLE appeal_events (
    id          {{id}},
    appeal_id   {{int8}} NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    at          {{time}} NOT NULL,
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
