-- +goose Up
-- The resident's latest reply to a manager's answer on a rating: the
-- thread goes back to the manager who answered.
ALTER TABLE ratings ADD COLUMN reply TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN replied_at {{time}};

-- +goose Down
ALTER TABLE ratings DROP COLUMN replied_at;
ALTER TABLE ratings DROP COLUMN reply;
