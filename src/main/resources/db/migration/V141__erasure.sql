-- Erasure that erases (README "Erasure and access requests"): a person's erasure removes their number, names,
-- e-mail and texts from every table in one transaction and keeps an opted-out number only as a keyed hash.

-- Number-only consent rows (opt-outs by phone, V65) are found by the keyed hash of the number
-- (HMAC-SHA256 under comeback.erasure.hash-key, computed by the service, which alone holds the key). Live
-- rows keep the number too, for the consent audit; an erased person's rows keep only the hash. Rows
-- written before this version get their hash when the service starts (SuppressionHashes).
ALTER TABLE consent_events ADD COLUMN phone_hash BYTEA;
CREATE INDEX consent_events_phone_hash_only_idx ON consent_events (phone_hash, at DESC, id DESC) WHERE customer_id IS NULL;
DROP INDEX consent_events_phone_only_idx;

-- An erased person's texts stay as rows (reports count them) without the number they came from.
ALTER TABLE inbound_messages ALTER COLUMN from_phone DROP NOT NULL;
ALTER TABLE twilio_inbound_messages ALTER COLUMN from_number DROP NOT NULL;
ALTER TABLE twilio_delivery_errors ALTER COLUMN phone DROP NOT NULL;

-- Erasure finds the texts a number sent before it was a customer's (a STOP from an unknown number) by the
-- number. Inbound texts are a small share of the traffic, so these indexes cost little.
CREATE INDEX inbound_messages_unknown_sender_idx ON inbound_messages (from_phone) WHERE customer_id IS NULL;
CREATE INDEX twilio_inbound_messages_from_idx ON twilio_inbound_messages (from_number);
