-- Pacing: one token bucket per sender (a Twilio number, messaging service, or "simulator"), shared by
-- every replica. Tokens are SMS segments. The configured rate and burst live in each node's
-- configuration; what must be shared lives here: the tokens left, when they were counted, and how far
-- the provider asked us to slow down.
CREATE TABLE sender_buckets (
    sender       TEXT PRIMARY KEY,
    -- Segments that may leave now; negative after a message larger than the tokens left was let through.
    tokens       DOUBLE PRECISION NOT NULL,
    -- When tokens were last counted; the refill since then is (now - refilled_at) × rate.
    refilled_at  TIMESTAMPTZ NOT NULL,
    -- Share of the configured rate in force right after the last slow-down (1 = full rate).
    factor       DOUBLE PRECISION NOT NULL DEFAULT 1,
    -- The last slow-down (provider error 21611/30001); the factor recovers stepwise after it.
    slowed_at    TIMESTAMPTZ,
    slowdowns    INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);

-- The share of the configured rate in force at `now`: `factor` for `hold` after the slow-down, then
-- `step` more every `every` until the full rate again.
CREATE FUNCTION pacing_factor(factor DOUBLE PRECISION, slowed_at TIMESTAMPTZ, now TIMESTAMPTZ,
                              hold_s DOUBLE PRECISION, every_s DOUBLE PRECISION, step DOUBLE PRECISION)
    RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN factor >= 1 OR slowed_at IS NULL THEN 1.0
        WHEN extract(epoch FROM now - slowed_at) < hold_s THEN factor
        ELSE least(1.0, factor + step * (1 + floor((extract(epoch FROM now - slowed_at) - hold_s) / greatest(every_s, 0.001))))
    END
$$;
