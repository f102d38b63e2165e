-- The authority's rows, as migrations/sqlite/0001_rows.sql keeps them. Key columns are
-- what the service looks rows up by; `body` is the rest of the record as JSON. Times
-- are milliseconds since the Unix epoch; every number is BIGINT, as the store binds it.

-- `rowid` keeps the order tenants were added in, under SQLite's name for it, so one
-- query reads them in order from either database.
CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    rowid BIGSERIAL NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE accounts (
    id BIGINT PRIMARY KEY,
    username_lower TEXT NOT NULL UNIQUE,
    home_tenant TEXT NOT NULL,
    signs_in_to TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX accounts_by_home_tenant ON accounts (home_tenant);
CREATE INDEX accounts_by_signs_in_to ON accounts (signs_in_to);

CREATE TABLE methods (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

CREATE TABLE passkeys (
    credential_id TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    position BIGINT NOT NULL,
    revoked BIGINT NOT NULL,
    body TEXT
);
CREATE INDEX passkeys_by_account ON passkeys (account_id);

CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    seq BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX flows_by_account ON flows (account_id);

CREATE TABLE resets (
    id TEXT PRIMARY KEY,
    account_id BIGINT REFERENCES accounts (id),
    seq BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX resets_by_account ON resets (account_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    expires_ms BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE adding_methods (
    token_hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
CREATE TABLE adding_passkeys (
    token_hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE sign_in_challenges (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE sign_in_log (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL
);
CREATE INDEX sign_in_log_by_account ON sign_in_log (account_id, id);

CREATE TABLE phone_outbox (
    id BIGSERIAL PRIMARY KEY,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
