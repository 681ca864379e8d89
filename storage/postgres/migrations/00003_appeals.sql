-- +goose Up
-- Appeals (звернення), their history and the yearly number sequence.
CREATE TABLE appeal_numbers (
    year INTEGER PRIMARY KEY,
    last BIGINT NOT NULL
);

CREATE TABLE appeals (
    id           BIGSERIAL PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    pin_hash     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    resident_id  BIGINT REFERENCES residents (id),
    client_token TEXT,
    category     TEXT NOT NULL,
    executor     TEXT NOT NULL,
    description  TEXT NOT NULL CHECK (char_length(description) <= 4000),
    address      TEXT NOT NULL DEFAULT '',
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    photos       TEXT[] NOT NULL DEFAULT '{}',
    phone        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    rating       SMALLINT NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    due_at       TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ,
    -- A double tap on "confirm" files one appeal.
    UNIQUE (resident_id, client_token),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (address <> '' OR lat IS NOT NULL)
);

CREATE INDEX appeals_status_due ON appeals (status, due_at);
CREATE INDEX appeals_created ON appeals (created_at);
CREATE INDEX appeals_executor ON appeals (executor, status);

CREATE TABLE appeal_events (
    id          BIGSERIAL PRIMARY KEY,
    appeal_id   BIGINT NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL,
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
