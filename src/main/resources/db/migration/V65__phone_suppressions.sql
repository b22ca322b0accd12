-- Opt-outs from numbers no customer had yet are ledger rows with no customer (a suppression by phone).
-- They are few; this index lets a customer write or an import batch look them up without scanning
-- the whole ledger.
CREATE INDEX consent_events_phone_only_idx ON consent_events (phone, at DESC, id DESC) WHERE customer_id IS NULL;
