-- A flow being edited in the dashboard: one draft per flow (the last saved text). A draft changes nothing that runs.
CREATE TABLE flow_drafts (
    flow_id   TEXT PRIMARY KEY,
    source    TEXT NOT NULL,
    saved_by  TEXT NOT NULL,
    saved_at  TIMESTAMPTZ NOT NULL
);

-- Every publication from the editor or the API: which version (content hash, see flow_versions) was written into
-- the flows folder, by whom and when. A restore is a publication of an older version's text.
CREATE TABLE flow_publications (
    id            BIGSERIAL PRIMARY KEY,
    flow_id       TEXT NOT NULL,
    version       TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    restored_from TEXT
);
CREATE INDEX flow_publications_flow_idx ON flow_publications (flow_id, published_at DESC);
