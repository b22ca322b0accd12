-- Append-only record of every consent change, per phone number: the audit trail a regulator or a
-- carrier asks for (what the person agreed to, where, when; when and how they opted out).
CREATE TABLE consent_events (
    id           BIGSERIAL PRIMARY KEY,
    phone        TEXT,
    customer_id  BIGINT,
    change       TEXT NOT NULL CHECK (change IN ('opt_in', 'opt_out', 'resubscribe', 'reset')),
    status       TEXT NOT NULL CHECK (status IN ('opted_in', 'opted_out', 'unknown')),
    source       TEXT,
    text         TEXT,
    keyword      TEXT,
    at           TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX consent_events_phone_idx ON consent_events (phone, at);
CREATE INDEX consent_events_customer_idx ON consent_events (customer_id, at);
CREATE INDEX consent_events_recorded_idx ON consent_events (recorded_at);
