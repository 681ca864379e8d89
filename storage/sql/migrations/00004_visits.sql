-- +goose Up
-- Booked CNAP visits.
CREATE TABLE visits (
    id                  {{id}},
    code                TEXT NOT NULL UNIQUE,
    resident_id         {{int8}} NOT NULL REFERENCES residents (id),
    location_id         TEXT NOT NULL,
    service_id          TEXT NOT NULL,
    start_at            {{time}} NOT NULL,
    end_at              {{time}} NOT NULL,
    seat                INTEGER NOT NULL CHECK (seat >= 1),
    name                TEXT NOT NULL,
    phone               TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'booked'
                        CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
    cancelled_by        TEXT NOT NULL DEFAULT '',
    cancel_reason       TEXT NOT NULL DEFAULT '',
    remind_day_at       {{time}},
    remind_day_sent_at  {{time}},
    remind_hour_at      {{time}},
    remind_hour_sent_at {{time}},
    created_at          {{time}} NOT NULL,
    updated_at          {{time}} NOT NULL
);
CREATE INDEX visits_location_start ON visits (location_id, start_at);
CREATE INDEX visits_resident ON visits (resident_id, status, start_at);
CREATE INDEX visits_remind_day ON visits (remind_day_at) WHERE remind_day_sent_at IS NULL;
CREATE INDEX visits_remind_hour ON visits (remind_hour_at) WHERE remind_hour_sent_at IS NULL;

-- One row per SlotUnit a visit holds its seat in. The primary key is the
-- rule "no seat is booked twice"; cancelling deletes the rows, so the seat is
-- free at once.
CREATE TABLE visit_seats (
    location_id TEXT NOT NULL,
    unit_at     {{time}} NOT NULL,
    seat        INTEGER NOT NULL,
    visit_id    {{int8}} NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    PRIMARY KEY (location_id, unit_at, seat)
);
CREATE INDEX visit_seats_visit ON visit_seats (visit_id);

-- "Tell me when a time frees up" on a full day.
CREATE TABLE slot_watches (
    id          {{id}},
    resident_id {{int8}} NOT NULL REFERENCES residents (id),
    location_id TEXT NOT NULL,
    service_id  TEXT NOT NULL,
    day         TEXT NOT NULL, -- YYYY-MM-DD, city time
    created_at  {{time}} NOT NULL,
    notified_at {{time}},
    UNIQUE (resident_id, location_id, service_id, day)
);
CREATE INDEX slot_watches_day ON slot_watches (location_id, day);

-- +goose Down
DROP TABLE slot_watches;
DROP TABLE visit_seats;
DROP TABLE visits;
