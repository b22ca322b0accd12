-- EXPERIMENT, not a migration: applied by deploy/bench/ledger-trigger-cost.sh on top of the migrations
-- (deploy/bench/README.md, "Diagnostic tools"). It makes the ledger's updates HOT, but its triggers cost as much
-- as HOT saves; kept so the measurement can be repeated.
-- A text's status changes three times on the way to its receipt (pending → dispatching → queued/sent → delivered). While `status`, `not_before`,
-- `dispatched_at`, `status_at`, `status_checked_at` and `provider_message_id` appeared in the ledger's
-- indexes (partial-index predicates and keys), every one of those changes was a non-HOT update that wrote a
-- new entry into EVERY index of the row (primary key, send key, customer, flow, BRIN, and the partial ones):
-- about 20 index entries per text for the three updates. The queue states now live in two small tables kept
-- by statement triggers, so the ledger's own indexes only name columns that never change after the insert,
-- and its status updates are HOT (a new row version on the same page, no index entry).
--
--   outbound_open          one row per text that still has a next step: stage 'pending' (at = not_before),
--                          'dispatching' / 'unknown' (at = dispatched_at), 'in_transit' (queued/sending/sent
--                          with a provider id; at = coalesce(status_checked_at, status_at)). Deleted when
--                          the text reaches a final status, so it stays as small as the work in progress.
--   outbound_provider_ids  the provider's id of every text that has one, unique (was a unique index on the
--                          ledger): receipts and webhooks find the text by it.
--
-- The triggers keep both whatever writes the ledger (dispatcher, receipts, reconciliation, a script, a test),
-- in the writer's transaction, so they are exactly as current as the ledger itself.

CREATE TABLE outbound_open (
    message_id  BIGINT PRIMARY KEY,
    stage       TEXT NOT NULL,
    at          TIMESTAMPTZ
);
CREATE INDEX outbound_open_stage_idx ON outbound_open (stage, at);

CREATE TABLE outbound_provider_ids (
    provider_message_id  TEXT PRIMARY KEY,
    message_id           BIGINT NOT NULL
);

-- The stage of a ledger row in outbound_open, or null when it has no next step (final, blocked, refused…).
CREATE FUNCTION comeback_open_stage(status TEXT, provider_message_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status IN ('pending', 'dispatching', 'unknown') THEN status
                WHEN status IN ('queued', 'sending', 'sent') AND provider_message_id IS NOT NULL THEN 'in_transit' END
$$;

-- The time a stage is ordered by (see the table above).
CREATE FUNCTION comeback_open_at(status TEXT, not_before TIMESTAMPTZ, dispatched_at TIMESTAMPTZ,
                                 status_checked_at TIMESTAMPTZ, status_at TIMESTAMPTZ) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status = 'pending' THEN not_before
                WHEN status IN ('dispatching', 'unknown') THEN dispatched_at
                ELSE coalesce(status_checked_at, status_at) END
$$;

CREATE FUNCTION comeback_texts_opened() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbound_open (message_id, stage, at)
    SELECT id, comeback_open_stage(status, provider_message_id),
           comeback_open_at(status, not_before, dispatched_at, status_checked_at, status_at)
    FROM new_open_texts WHERE comeback_open_stage(status, provider_message_id) IS NOT NULL;
    INSERT INTO outbound_provider_ids (provider_message_id, message_id)
    SELECT provider_message_id, id FROM new_open_texts WHERE provider_message_id IS NOT NULL;
    RETURN NULL;
END $$;

-- Rows are matched by id (never changed). The rows to delete are collected into arrays first so each DELETE
-- is an index probe per row whatever the planner guesses of the transition tables (a join was planned as a
-- full scan of outbound_provider_ids per statement). Statements in order, so a provider id moving between
-- two rows in one statement is deleted before it is inserted again.
CREATE FUNCTION comeback_texts_moved() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    closed BIGINT[];
    dropped_ids TEXT[];
BEGIN
    SELECT array_agg(n.id) INTO closed
    FROM old_open_texts o JOIN new_open_texts n ON n.id = o.id
    WHERE comeback_open_stage(n.status, n.provider_message_id) IS NULL
      AND comeback_open_stage(o.status, o.provider_message_id) IS NOT NULL;
    IF closed IS NOT NULL THEN
        DELETE FROM outbound_open WHERE message_id = ANY (closed);
    END IF;
    INSERT INTO outbound_open AS q (message_id, stage, at)
    SELECT n.id, comeback_open_stage(n.status, n.provider_message_id),
           comeback_open_at(n.status, n.not_before, n.dispatched_at, n.status_checked_at, n.status_at)
    FROM old_open_texts o JOIN new_open_texts n ON n.id = o.id
    WHERE comeback_open_stage(n.status, n.provider_message_id) IS NOT NULL
      AND (comeback_open_stage(o.status, o.provider_message_id) IS DISTINCT FROM comeback_open_stage(n.status, n.provider_message_id)
           OR comeback_open_at(o.status, o.not_before, o.dispatched_at, o.status_checked_at, o.status_at)
              IS DISTINCT FROM comeback_open_at(n.status, n.not_before, n.dispatched_at, n.status_checked_at, n.status_at))
    ON CONFLICT (message_id) DO UPDATE SET stage = excluded.stage, at = excluded.at;
    SELECT array_agg(o.provider_message_id) INTO dropped_ids
    FROM old_open_texts o JOIN new_open_texts n ON n.id = o.id
    WHERE o.provider_message_id IS NOT NULL AND o.provider_message_id IS DISTINCT FROM n.provider_message_id;
    IF dropped_ids IS NOT NULL THEN
        DELETE FROM outbound_provider_ids WHERE provider_message_id = ANY (dropped_ids);
    END IF;
    INSERT INTO outbound_provider_ids (provider_message_id, message_id)
    SELECT n.provider_message_id, n.id
    FROM old_open_texts o JOIN new_open_texts n ON n.id = o.id
    WHERE n.provider_message_id IS NOT NULL AND o.provider_message_id IS DISTINCT FROM n.provider_message_id;
    RETURN NULL;
END $$;

CREATE TRIGGER outbound_messages_open_inserts AFTER INSERT ON outbound_messages REFERENCING NEW TABLE AS new_open_texts
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_texts_opened();
CREATE TRIGGER outbound_messages_open_changes AFTER UPDATE ON outbound_messages
    REFERENCING OLD TABLE AS old_open_texts NEW TABLE AS new_open_texts
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_texts_moved();

-- Backfill. The triggers above hold the ledger's lock in this transaction: nothing is written meanwhile.
-- Open rows are found through the partial indexes still in place.
INSERT INTO outbound_open (message_id, stage, at)
SELECT id, comeback_open_stage(status, provider_message_id),
       comeback_open_at(status, not_before, dispatched_at, status_checked_at, status_at)
FROM outbound_messages
WHERE status IN ('pending', 'dispatching', 'unknown')
   OR (status IN ('queued', 'sending', 'sent') AND provider_message_id IS NOT NULL);
INSERT INTO outbound_provider_ids (provider_message_id, message_id)
SELECT provider_message_id, id FROM outbound_messages WHERE provider_message_id IS NOT NULL;

DROP INDEX outbound_messages_pending_idx;
DROP INDEX outbound_messages_in_flight_idx;
DROP INDEX outbound_messages_in_transit_idx;
DROP INDEX outbound_messages_provider_message_id_key;

-- Room on each page for the next version of its rows: a status update is HOT only if the new version fits on
-- the same page. Texts are written ~200 at a time and claimed together, so a page's rows all get a new version
-- in one statement; at 50 % each can. Earlier versions are pruned when the page is next touched. Pages
-- written before this migration keep their fill (their texts are mostly final).
ALTER TABLE outbound_messages SET (fillfactor = 50);
