-- What the server keeps beside the authority's rows, as migrations/sqlite/0002_host.sql.
CREATE TABLE flow_grants (
    flow_id TEXT PRIMARY KEY,
    secret_hash BYTEA NOT NULL,
    kind TEXT NOT NULL,
    username TEXT,
    saw_mfa BIGINT NOT NULL DEFAULT 0,
    started_ms BIGINT NOT NULL
);
CREATE INDEX flow_grants_started ON flow_grants (started_ms);

CREATE TABLE handoffs (
    code_hash BYTEA PRIMARY KEY,
    subject TEXT NOT NULL,
    tenant TEXT NOT NULL,
    proven BIGINT NOT NULL,
    session_expires_ms BIGINT,
    expires_ms BIGINT NOT NULL,
    used_ms BIGINT
);
CREATE INDEX handoffs_expires ON handoffs (expires_ms);
