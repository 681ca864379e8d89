-- +goose Up
-- The city district (vikno.District id) an appeal is in, for the appeals
-- board's filter: staff set it; appeals filed before have none ('').
ALTER TABLE appeals ADD COLUMN district TEXT NOT NULL DEFAULT '';
CREATE INDEX appeals_district ON appeals (district, created_at);

-- +goose Down
DROP INDEX appeals_district;
ALTER TABLE appeals DROP COLUMN district;
