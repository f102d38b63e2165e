-- Telemetry, as migrations/sqlite/0003_telemetry.sql: change numbers for the sign-in
-- log, and risk detections one row each (an account's own, and each sign-in's).
ALTER TABLE sign_in_log ADD COLUMN changed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sign_in_log_by_change ON sign_in_log (changed);

CREATE TABLE detections (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    sign_in_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    changed BIGINT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (account_id, sign_in_id, position)
);
CREATE INDEX detections_by_change ON detections (changed);
