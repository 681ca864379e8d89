-- +goose Up
-- Photos web-chat residents attach (a pothole, a broken lamp): the bytes,
-- since the web channel has no platform that keeps them. key is the page's
-- message key, so a retried upload is one photo. Photos are purged with the
-- conversation, except those an appeal refers to.
CREATE TABLE webchat_photos (
    id           {{id}},
    user_id      TEXT NOT NULL,
    key          TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    data         {{bytes}} NOT NULL,
    created_at   {{time}} NOT NULL
);
CREATE INDEX webchat_photos_created ON webchat_photos (created_at);

-- +goose Down
DROP TABLE webchat_photos;
