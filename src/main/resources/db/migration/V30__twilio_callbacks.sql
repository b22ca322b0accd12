-- Twilio webhooks are facts (DESIGN decision 4): each is stored raw, once, before it is applied, and
-- marked applied afterwards. A callback that was stored but not applied (crash, failing handler) is
-- applied when Twilio repeats it; one that was applied is only acknowledged.

-- Inbound texts, one row per Twilio MessageSid. The answer given in TwiML is kept so that a repeated
-- delivery (Twilio retries when our answer did not reach it) gets the same answer, not a second one.
CREATE TABLE twilio_inbound_messages (
    message_sid  TEXT PRIMARY KEY,
    from_number  TEXT NOT NULL,
    to_number    TEXT NOT NULL,
    body         TEXT NOT NULL,
    params       JSONB NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    applied_at   TIMESTAMPTZ,
    answer       TEXT
) WITH (fillfactor = 90);

-- Status callbacks, one row per (MessageSid, MessageStatus): a repeated callback is the same fact.
-- Rows whose SID no ledger row knows yet stay here for reconciliation (the callback can arrive
-- before the dispatcher has recorded the SID Twilio returned).
CREATE TABLE twilio_status_callbacks (
    message_sid     TEXT NOT NULL,
    message_status  TEXT NOT NULL,
    -- Our ledger id, echoed from the StatusCallback URL we gave Twilio.
    message_id      BIGINT,
    error_code      TEXT,
    to_number       TEXT,
    params          JSONB NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    applied_at      TIMESTAMPTZ,
    PRIMARY KEY (message_sid, message_status)
) WITH (fillfactor = 90);
-- Room on each page and no index on applied_at: marking a callback applied is a HOT update that
-- touches no index, which matters at thousands of callbacks per second.

-- Error codes acted on (ErrorCodeRules), from status callbacks and refused creates. Counting them per
-- number is how "repeated 30003" is recognised; each row also shows whether the rule acted.
CREATE TABLE twilio_delivery_errors (
    id           BIGSERIAL PRIMARY KEY,
    phone        TEXT NOT NULL,
    error_code   TEXT NOT NULL,
    problem      TEXT NOT NULL,
    -- The Twilio SID, or 'ledger:<id>' when Twilio refused the create and no SID exists.
    message_key  TEXT NOT NULL,
    message_sid  TEXT,
    message_id   BIGINT,
    occurred_at  TIMESTAMPTZ NOT NULL,
    occurrences  BIGINT NOT NULL,
    acted        BOOLEAN NOT NULL,
    UNIQUE (message_key, error_code)
);
CREATE INDEX twilio_delivery_errors_by_phone ON twilio_delivery_errors (phone, problem, occurred_at);
