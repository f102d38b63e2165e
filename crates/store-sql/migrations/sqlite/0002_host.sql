-- What the server keeps beside the authority's rows: each flow's secret (hashed) and
-- what a hand-off needs to know of it, and the one-time hand-off codes (hashed).
CREATE TABLE flow_grants (
    flow_id TEXT PRIMARY KEY,
    secret_hash BLOB NOT NULL,
    kind TEXT NOT NULL,
    username TEXT,
    saw_mfa INTEGER NOT NULL DEFAULT 0,
    started_ms INTEGER NOT NULL
);
CREATE INDEX flow_grants_started ON flow_grants (started_ms);

CREATE TABLE handoffs (
    code_hash BLOB PRIMARY KEY,
    subject TEXT NOT NULL,
    tenant TEXT NOT NULL,
    proven INTEGER NOT NULL,
    session_expires_ms INTEGER,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER
);
CREATE INDEX handoffs_expires ON handoffs (expires_ms);
