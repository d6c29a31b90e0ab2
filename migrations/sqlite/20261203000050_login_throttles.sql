-- Failed-login counters for e-mail addresses that have no account, so an unknown
-- address locks exactly like a registered one and lockouts reveal nothing.
-- Keyed by a keyed hash of the normalised address; the address itself is not stored.
CREATE TABLE login_throttles (
    email_hash TEXT PRIMARY KEY,
    failed_logins INTEGER NOT NULL,
    locked_until TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX login_throttles_updated ON login_throttles (updated_at);
