-- +goose Up
-- Case references residents track («Відстежити мою справу») and the
-- documents-ready notices integrations post for them. A notice whose
-- reference nobody tracks yet waits until expires_at for a late subscription.
CREATE TABLE tracked_cases (
    id          {{id}},
    resident_id {{int8}} NOT NULL REFERENCES residents (id),
    reference   TEXT NOT NULL,
    created_at  {{time}} NOT NULL,
    UNIQUE (resident_id, reference)
);
CREATE INDEX tracked_cases_reference ON tracked_cases (reference);

CREATE TABLE documents_ready (
    id          {{id}},
    request_key TEXT NOT NULL UNIQUE,
    reference   TEXT NOT NULL,
    location_id TEXT NOT NULL,
    details     TEXT NOT NULL,
    until_day   TEXT NOT NULL DEFAULT '',
    created_at  {{time}} NOT NULL,
    expires_at  {{time}} NOT NULL
);
CREATE INDEX documents_ready_reference ON documents_ready (reference, expires_at);

-- Bulk notices (broadcasts) wait behind everything else in the outbox.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_due_priority ON outbox (status, priority, next_at);

-- +goose Down
DROP INDEX outbox_due_priority;
ALTER TABLE outbox DROP COLUMN priority;
DROP TABLE documents_ready;
DROP TABLE tracked_cases;
