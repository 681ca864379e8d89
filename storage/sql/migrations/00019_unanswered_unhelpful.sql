-- +goose Up
-- A question whose answer a resident marked 👎 joins the unanswered ones;
-- these columns tell how many of its asks were 👎 and on which article (the
-- latest), so that editors see which answer missed.
ALTER TABLE kb_unanswered ADD COLUMN unhelpful INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kb_unanswered ADD COLUMN article_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE kb_unanswered DROP COLUMN article_id;
ALTER TABLE kb_unanswered DROP COLUMN unhelpful;
