-- +goose Up
-- Rating points: the QR codes in CNAP halls. The token is random, so a
-- rating cannot be attributed to another location by editing a link.
CREATE TABLE rating_points (
    token       TEXT PRIMARY KEY,
    location_id TEXT NOT NULL,
    point       TEXT NOT NULL DEFAULT '',
    created_at  {{time}} NOT NULL,
    UNIQUE (location_id, point)
);

-- The regions each location lies in (its own and every one above it),
-- synced from the city configuration: managers' scopes are checked against it.
CREATE TABLE location_regions (
    location_id TEXT NOT NULL,
    region_id   TEXT NOT NULL,
    PRIMARY KEY (location_id, region_id)
);
CREATE INDEX location_regions_region ON location_regions (region_id);

-- One rating per resident, location and local day: a second one updates it.
CREATE TABLE ratings (
    id          {{id}},
    resident_id {{int8}} NOT NULL REFERENCES residents (id),
    location_id TEXT NOT NULL,
    point       TEXT NOT NULL DEFAULT '',
    day         TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    aspects     TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen', 'answered')),
    answer      TEXT NOT NULL DEFAULT '',
    answered_by {{int8}} NOT NULL DEFAULT 0,
    answered_at {{time}}, -- only: postgres
    answered_at TEXT NOT NULL DEFAULT '', -- only: sqlite
    revision    INTEGER NOT NULL DEFAULT 1,
    created_at  {{time}} NOT NULL,
    updated_at  {{time}} NOT NULL,
    UNIQUE (resident_id, location_id, day)
);
CREATE INDEX ratings_location_day ON ratings (location_id, day);
CREATE INDEX ratings_day ON ratings (day);

-- Managers: a resident (their chat with the bot) with an access level and a
-- scope. At most one active role per resident.
CREATE TABLE managers (
    id          {{id}},
    resident_id {{int8}} NOT NULL REFERENCES residents (id),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    scope       TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    created_at  {{time}} NOT NULL,
    revoked_at  {{time}} -- only: postgres
    revoked_at  TEXT NOT NULL DEFAULT '' -- only: sqlite
);
CREATE UNIQUE INDEX managers_active_resident ON managers (resident_id) WHERE revoked_at IS NULL; -- only: postgres
CREATE UNIQUE INDEX managers_active_resident ON managers (resident_id) WHERE revoked_at = ''; -- only: sqlite

-- One-time, expiring invites that make a manager.
CREATE TABLE manager_invites (
    token      TEXT PRIMARY KEY,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    scope      TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    created_at {{time}} NOT NULL,
    expires_at {{time}} NOT NULL,
    used_at    {{time}}, -- only: postgres
    used_at    TEXT NOT NULL DEFAULT '', -- only: sqlite
    manager_id {{int8}} NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE manager_invites;
DROP TABLE managers;
DROP TABLE ratings;
DROP TABLE location_regions;
DROP TABLE rating_points;
