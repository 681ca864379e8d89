-- +goose Up
-- The resident's consent, asked in the chat, to show the appeal's description
-- (masked) on the public map (Open311). Existing appeals were never asked:
-- their descriptions stay private.
ALTER TABLE appeals ADD COLUMN description_public {{bool}} NOT NULL DEFAULT {{false}};

-- +goose Down
ALTER TABLE appeals DROP COLUMN description_public;
