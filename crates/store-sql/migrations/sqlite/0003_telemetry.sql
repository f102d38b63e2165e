-- Telemetry: each change to a sign-in's log row, and to a risk detection, takes the
-- next change number of its table, so a reader can ask for everything changed after
-- the last number it saw (units write one at a time, so numbers commit in order).
ALTER TABLE sign_in_log ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
UPDATE sign_in_log SET changed = id;
CREATE INDEX sign_in_log_by_change ON sign_in_log (changed);

-- Risk detections, one row each: an account's own (sign_in_id 0, by position in the
-- account's list, which its body keeps too) and each sign-in's (by the sign-in's id and
-- position in its record). This table is what readers page through.
CREATE TABLE detections (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    sign_in_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (account_id, sign_in_id, position)
);
CREATE INDEX detections_by_change ON detections (changed);

INSERT INTO detections (account_id, sign_in_id, position, changed, body)
    SELECT a.id, 0, d.key, 0, d.value FROM accounts a, json_each(a.body, '$.detections') d
    ORDER BY a.id, d.key;
-- As `account::store_sign_in_detections` writes them (keys in serde_json's order).
INSERT INTO detections (account_id, sign_in_id, position, changed, body)
    SELECT l.account_id, l.id, d.key, 0, json_object(
        'at_ms', json_extract(l.body, '$.at_ms'), 'kind', d.value,
        'level', json_extract(l.body, '$.level'), 'sign_in', l.id,
        'state', json_extract(l.body, '$.risk_state'), 'timing', 'RealTime')
    FROM sign_in_log l, json_each(l.body, '$.detections') d
    ORDER BY l.id, d.key;
UPDATE detections SET changed = id;
