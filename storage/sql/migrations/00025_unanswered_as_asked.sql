-- +goose Up
-- An unanswered question is counted under its lower-cased form (query), and
-- asked keeps it as a resident wrote it (spaces tidied), so that editors see
-- «Як зареєструвати дрон у ЦНАП», not «як зареєструвати дрон у цнап», and a
-- new article's title starts from it. Empty for questions recorded before.
ALTER TABLE kb_unanswered ADD COLUMN asked TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE kb_unanswered DROP COLUMN asked;
