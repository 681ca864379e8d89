-- +goose Up
-- Photos as a JSON array, as SQLite keeps them, so both dialects read them
-- with the same code.
ALTER TABLE appeals ALTER COLUMN photos DROP DEFAULT;
ALTER TABLE appeals ALTER COLUMN photos TYPE JSONB USING to_jsonb(photos);
ALTER TABLE appeals ALTER COLUMN photos SET DEFAULT '[]';

-- +goose Down
ALTER TABLE appeals ALTER COLUMN photos DROP DEFAULT;
ALTER TABLE appeals ALTER COLUMN photos TYPE TEXT USING photos::text;
