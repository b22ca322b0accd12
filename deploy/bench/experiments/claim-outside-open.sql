-- After ledger-open-texts.sql, for ledger-trigger-cost.sh only: pending, dispatching and unknown share one stage
-- ('queue', at = not_before), so the dispatcher's claim changes no outbound_open row and the trigger writes
-- nothing for it. Measures what leaving the claim out of the side table would save (the claims and
-- reconciliation of the application were not adapted to this).
CREATE OR REPLACE FUNCTION comeback_open_stage(status TEXT, provider_message_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status IN ('pending', 'dispatching', 'unknown') THEN 'queue'
                WHEN status IN ('queued', 'sending', 'sent') AND provider_message_id IS NOT NULL THEN 'in_transit' END
$$;
CREATE OR REPLACE FUNCTION comeback_open_at(status TEXT, not_before TIMESTAMPTZ, dispatched_at TIMESTAMPTZ,
                                            status_checked_at TIMESTAMPTZ, status_at TIMESTAMPTZ) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status IN ('pending', 'dispatching', 'unknown') THEN not_before
                ELSE coalesce(status_checked_at, status_at) END
$$;
