-- Campaigns (README "Campaigns"): one-off sends. The file's text is kept as written; once started, the campaign
-- runs as the flow 'campaign.<id>' (its version stored in flow_versions), so its enrollments, ledger rows and
-- report facts are those of any flow. What only a campaign has is here: its lifecycle and the A/B decision.
CREATE TABLE campaigns (
    id            TEXT PRIMARY KEY,
    source        TEXT NOT NULL,
    version       TEXT NOT NULL,
    name          TEXT NOT NULL,
    -- draft, started, paused, cancelled; scheduled, sending and done are derived from the runtime when read.
    state         TEXT NOT NULL CHECK (state IN ('draft', 'started', 'paused', 'cancelled')),
    changed_at    TIMESTAMPTZ NOT NULL,
    changed_by    TEXT,
    started_at    TIMESTAMPTZ,
    -- The first and the last text time of the first wave (the test wave of an A/B campaign).
    first_send_at TIMESTAMPTZ,
    last_send_at  TIMESTAMPTZ,
    -- A/B: when the winner is chosen, which it is, when it was chosen and when the rest's texts were scheduled.
    decide_at     TIMESTAMPTZ,
    winner        TEXT,
    decided_at    TIMESTAMPTZ,
    cancelled_at  TIMESTAMPTZ
);

-- Keyword entries (competitions, event sign-ups): one per campaign and person, whatever they text again.
CREATE TABLE campaign_entries (
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    customer_id  BIGINT NOT NULL,
    entered_at   TIMESTAMPTZ NOT NULL,
    keyword      TEXT NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_entries_customer_idx ON campaign_entries (customer_id);
