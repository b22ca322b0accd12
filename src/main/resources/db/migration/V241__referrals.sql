-- Referrals (README "Referrals"): each customer's own code, made when first needed and never changed, and who
-- referred whom, with the moment the referred customer's first order converted the referral.
CREATE TABLE referral_codes (
    customer_id  BIGINT PRIMARY KEY,
    -- 8 characters of the 31 that are not mistaken for each other (no 0/O, 1/I/L).
    code         TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE referrals (
    -- A customer is referred once.
    referred_id   BIGINT PRIMARY KEY,
    referrer_id   BIGINT NOT NULL,
    referred_at   TIMESTAMPTZ NOT NULL,
    -- Set once, by the referred customer's first order: the referrer's referral_converted flows start then.
    converted_at  TIMESTAMPTZ,
    CHECK (referred_id <> referrer_id)
);
CREATE INDEX referrals_referrer_idx ON referrals (referrer_id, referred_at);
