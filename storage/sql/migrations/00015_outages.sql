-- +goose Up
-- Outage notices dispatchers post, residents' subscriptions by district
-- (and optionally street), and who got which notice (so that its updates
-- and «restored» reach the same people).
CREATE TABLE outages (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    emergency  {{bool}} NOT NULL DEFAULT {{false}},
    districts  {{json}} NOT NULL,
    streets    {{json}} NOT NULL,
    starts_at  {{time}},
    ends_at    {{time}},
    text       TEXT NOT NULL,
    status     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at {{time}} NOT NULL
);
CREATE INDEX outages_status ON outages (status, updated_at);

CREATE TABLE outage_subscriptions (
    id          {{id}},
    resident_id {{int8}} NOT NULL REFERENCES residents (id),
    district    TEXT NOT NULL,
    street      TEXT NOT NULL DEFAULT '',
    street_key  TEXT NOT NULL DEFAULT '',
    created_at  {{time}} NOT NULL,
    UNIQUE (resident_id, district, street_key)
);
CREATE INDEX outage_subscriptions_district ON outage_subscriptions (district);

CREATE TABLE outage_recipients (
    outage_id   TEXT NOT NULL,
    resident_id {{int8}} NOT NULL,
    PRIMARY KEY (outage_id, resident_id)
);

-- +goose Down
DROP TABLE outage_recipients;
DROP TABLE outage_subscriptions;
DROP TABLE outages;
