-- +goose Up
-- Outage notices reach their subscribers in the background: the version
-- whose fan-out is complete, how many residents it was queued for so far,
-- and which replica is fanning it out until when (a claim that lapses when
-- the replica dies, so another one resumes it). Notices posted before were
-- fanned out inside the request.
ALTER TABLE outages ADD COLUMN fanout_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outages ADD COLUMN fanout_queued INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outages ADD COLUMN fanout_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE outages ADD COLUMN fanout_until {{time}};
UPDATE outages SET fanout_version = version;
CREATE INDEX outages_fanout ON outages (fanout_version, version);

-- +goose Down
DROP INDEX outages_fanout;
ALTER TABLE outages DROP COLUMN fanout_until;
ALTER TABLE outages DROP COLUMN fanout_owner;
ALTER TABLE outages DROP COLUMN fanout_queued;
ALTER TABLE outages DROP COLUMN fanout_version;
