-- Stage A: the authority's whole saved directory in one row, rewritten in one
-- transaction per change; and the one-time hand-off codes, stored hashed.
CREATE TABLE directory (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    saved_ms INTEGER NOT NULL,
    saves INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE handoffs (
    code_hash BLOB PRIMARY KEY,
    subject TEXT NOT NULL,
    tenant TEXT NOT NULL,
    proven INTEGER NOT NULL,
    session_expires_ms INTEGER,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER
);
