-- The authority's rows. Key columns are what the service looks rows up by; `body` is
-- the rest of the record as JSON, so a new field needs no migration of its own.
-- Times are milliseconds since the Unix epoch.

CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username_lower TEXT NOT NULL UNIQUE,
    home_tenant TEXT NOT NULL,
    signs_in_to TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX accounts_by_home_tenant ON accounts (home_tenant);
CREATE INDEX accounts_by_signs_in_to ON accounts (signs_in_to);

-- Methods an account has registered (authenticator app, phone), one row per kind.
CREATE TABLE methods (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

-- Passkeys, and the ids of removed ones (revoked = 1, never accepted again).
CREATE TABLE passkeys (
    credential_id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    position INTEGER NOT NULL,
    revoked INTEGER NOT NULL,
    body TEXT
);
CREATE INDEX passkeys_by_account ON passkeys (account_id);

CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    seq INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX flows_by_account ON flows (account_id);

CREATE TABLE resets (
    id TEXT PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id),
    seq INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX resets_by_account ON resets (account_id);

-- Sessions by the SHA-256 of their token: the table never holds a usable token.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    expires_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- A method or passkey being added from account health, by its session.
CREATE TABLE adding_methods (
    token_hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
CREATE TABLE adding_passkeys (
    token_hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

-- Passkey sign-in challenges, by lower-case username.
CREATE TABLE sign_in_challenges (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE sign_in_log (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL
);
CREATE INDEX sign_in_log_by_account ON sign_in_log (account_id, id);

-- Codes sent to phones: what an SMS or voice gateway would take from here.
CREATE TABLE phone_outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
