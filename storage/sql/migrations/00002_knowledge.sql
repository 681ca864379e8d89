-- +goose Up
CREATE TABLE articles (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    questions  {{json}} NOT NULL DEFAULT '[]',
    body       TEXT NOT NULL DEFAULT '',
    tags       {{json}} NOT NULL DEFAULT '[]',
    category   TEXT NOT NULL DEFAULT '',
    locale     TEXT NOT NULL DEFAULT 'uk',
    action     TEXT NOT NULL DEFAULT '',
    published  {{bool}} NOT NULL DEFAULT {{true}},
    version    INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at {{time}} NOT NULL
);

CREATE TABLE article_revisions (
    id         {{id}},
    article_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    deleted    {{bool}} NOT NULL DEFAULT {{false}},
    title      TEXT NOT NULL,
    questions  {{json}} NOT NULL,
    body       TEXT NOT NULL,
    tags       {{json}} NOT NULL,
    category   TEXT NOT NULL,
    locale     TEXT NOT NULL,
    action     TEXT NOT NULL,
    published  {{bool}} NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at {{time}} NOT NULL,
    UNIQUE (article_id, version)
);

CREATE TABLE kb_unanswered (
    query    TEXT NOT NULL,
    locale   TEXT NOT NULL,
    count    INTEGER NOT NULL DEFAULT 1,
    first_at {{time}} NOT NULL,
    last_at  {{time}} NOT NULL,
    PRIMARY KEY (query, locale)
);

CREATE TABLE kb_feedback (
    article_id TEXT PRIMARY KEY,
    helpful    INTEGER NOT NULL DEFAULT 0,
    unhelpful  INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE kb_feedback;
DROP TABLE kb_unanswered;
DROP TABLE article_revisions;
DROP TABLE articles;
