-- People sign in as users with a role; systems call the API with named, scoped keys. Neither secret is stored:
-- passwords as bcrypt hashes, keys as SHA-256 (a key is 32 random bytes, so a fast hash cannot be brute-forced).

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('viewer', 'marketer', 'admin')),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT NOT NULL,
    -- The key's visible prefix (cb_xxxxxxxx), to find its row and to tell keys apart in lists and logs.
    prefix        TEXT NOT NULL UNIQUE,
    key_hash      BYTEA NOT NULL,
    scope         TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
-- A name is reused only after its key was revoked.
CREATE UNIQUE INDEX api_keys_live_name_idx ON api_keys (name) WHERE revoked_at IS NULL;

-- Failed logins and key checks per subject (a client address or an account), shared by every replica.
CREATE TABLE auth_failures (
    subject       TEXT PRIMARY KEY,
    window_start  TIMESTAMPTZ NOT NULL,
    failures      INT NOT NULL
);

-- Sessions now belong to a user; the sessions opened with a shared API key end here.
DELETE FROM dashboard_sessions;
ALTER TABLE dashboard_sessions DROP COLUMN key_fingerprint;
ALTER TABLE dashboard_sessions ADD COLUMN user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX dashboard_sessions_user_idx ON dashboard_sessions (user_id);
