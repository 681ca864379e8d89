-- +goose Up
-- Rating points: the QR codes in CNAP halls. The token is random, so a
-- rating cannot be attributed to another location by editing a link.
CREATE TABLE rating_points (
    token       TEXT PRIMARY KEY,
    location_id TEXT NOT NULL,
    point       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
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
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    location_id TEXT NOT NULL,
    point       TEXT NOT NULL DEFAULT '',
    day         TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    aspects     TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen', 'answered')),
    answer      TEXT NOT NULL DEFAULT '',
    answered_by INTEGER NOT NULL DEFAULT 0,
    answered_at TEXT NOT NULL DEFAULT '',
    revision    INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (resident_id, location_id, day)
);
CREATE INDEX ratings_location_day ON ratings (location_id, day);
CREATE INDEX ratings_day ON ratings (day);

-- Managers: a resident (their chat with the bot) with an access level and a
-- scope. At most one active role per resident.
CREATE TABLE managers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    scope       TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX managers_active_resident ON managers (resident_id) WHERE revoked_at = '';

-- One-time, expiring invites that make a manager.
CREATE TABLE manager_invites (
    token      TEXT PRIMARY KEY,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    scope      TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NOT NULL DEFAULT '',
    manager_id INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE manager_invites;
DROP TABLE managers;
DROP TABLE ratings;
DROP TABLE location_regions;
DROP TABLE rating_points;
