-- The window a pending text may leave in (README "Twilio" → "Validity period"). valid_until is the
-- start of the next quiet window after not_before, in the recipient's zone: Twilio gets it as
-- ValidityPeriod, and a row claimed after it is deferred to the window's end instead of being sent.
-- quiet_hours ('21:00-08:00') and time_zone are the rule it was computed from, so the deferral can be
-- recomputed without the flow. All three are null for texts without quiet hours.
-- Nullable columns without a default: a catalogue change only, no table rewrite.
ALTER TABLE outbound_messages
    ADD COLUMN valid_until TIMESTAMPTZ,
    ADD COLUMN quiet_hours TEXT,
    ADD COLUMN time_zone   TEXT;
