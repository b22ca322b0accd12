-- The ledger's report facts (V90) once per statement instead of once per row. The runtime writes ledger
-- rows in batches (the dispatcher's outcomes, the receipts: one UPDATE for hundreds of texts); V90's row
-- triggers ran a plpgsql call and a single-row INSERT into flow_count_deltas for each text, plus two index
-- probes per delivered text, which cost ~14 % of the runtime's throughput. These statement triggers read
-- the statement's rows from its transition tables and write one grouped INSERT per statement.
--
-- The figures are exactly those of V90: the same rows change a counter (the WHEN of V90's trigger is the
-- filter below), each contributes the same delta (the same two cases: the usual change, or take the old
-- contribution back and add the new), and the deltas are summed per (flow, day, error code), which the
-- fold (comeback_fold_flow_counts) and the reports sum anyway. Re-attribution after a delivery recomputes
-- a customer's orders and clicks from the earliest delivery of the statement on; the texts of one
-- statement are all visible to it (as they were to V90's AFTER ROW triggers, which run at statement
-- end), so recomputing once from the earliest gives what V90's one call per text gave.

-- The reporting classes of a ledger status (as in V90).
CREATE FUNCTION comeback_text_sent(status TEXT) RETURNS INT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))::int $$;
CREATE FUNCTION comeback_text_failed(status TEXT, error_code TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status IN ('undelivered', 'failed', 'refused') THEN coalesce(error_code, 'none') END $$;

-- A customer's orders and clicks from `since` on may have a new last touch: a text delivered at `since`.
-- The probes of V90, for a whole statement's deliveries (the re-attribution functions probe again).
CREATE FUNCTION comeback_texts_delivered(customers BIGINT[], sinces TIMESTAMPTZ[]) RETURNS VOID
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM comeback_reattribute_orders(d.customer_id, d.since)
    FROM (SELECT customer_id, min(since) AS since FROM unnest(customers, sinces) AS u(customer_id, since)
          GROUP BY customer_id) d
    WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = d.customer_id AND o.placed_at >= d.since);
    PERFORM comeback_reattribute_clicks(d.customer_id, d.since)
    FROM (SELECT customer_id, min(since) AS since FROM unnest(customers, sinces) AS u(customer_id, since)
          GROUP BY customer_id) d
    WHERE EXISTS (SELECT 1 FROM engagement_events ev
                  WHERE ev.customer_id = d.customer_id AND ev.at >= d.since AND ev.type = 'link_click');
END $$;

CREATE FUNCTION comeback_texts_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    delivered_customers BIGINT[];
    delivered_at TIMESTAMPTZ[];
BEGIN
    -- V90's WHEN: only rows that reached the provider or were refused count. A batch of pending rows
    -- (the wake-up's) writes nothing.
    INSERT INTO flow_count_deltas (flow_id, day, sent, delivered, failed, error_code)
    SELECT flow_id, comeback_utc_day(created_at), sum(comeback_text_sent(status)), sum((status = 'delivered')::int),
           count(comeback_text_failed(status, error_code)), comeback_text_failed(status, error_code)
    FROM new_texts
    WHERE flow_id IS NOT NULL AND status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused')
    GROUP BY 1, 2, 6;
    SELECT array_agg(customer_id), array_agg(status_at) INTO delivered_customers, delivered_at
    FROM new_texts WHERE status = 'delivered' AND customer_id IS NOT NULL;
    IF delivered_customers IS NOT NULL THEN
        PERFORM comeback_texts_delivered(delivered_customers, delivered_at);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION comeback_texts_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    delivered_customers BIGINT[];
    delivered_at TIMESTAMPTZ[];
BEGIN
    -- A statement in which no text was or becomes one that counts (a claim: pending → dispatching; a
    -- deferral; a block) changes no figure: V90's WHEN is false for each of its rows.
    IF NOT EXISTS (SELECT 1 FROM new_texts
                   WHERE status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused'))
       AND NOT EXISTS (SELECT 1 FROM old_texts
                       WHERE status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused')) THEN
        RETURN NULL;
    END IF;
    WITH pairs AS (
        SELECT o.flow_id AS old_flow, n.flow_id AS new_flow, o.created_at AS old_created, n.created_at AS new_created,
               comeback_text_sent(o.status) AS old_sent, comeback_text_sent(n.status) AS new_sent,
               (o.status = 'delivered')::int AS old_delivered, (n.status = 'delivered')::int AS new_delivered,
               comeback_text_failed(o.status, o.error_code) AS old_failed,
               comeback_text_failed(n.status, n.error_code) AS new_failed,
               o.status_at AS old_status_at, n.status_at AS new_status_at,
               o.customer_id AS old_customer, n.customer_id AS new_customer, n.status AS new_status
        FROM old_texts o JOIN new_texts n ON n.id = o.id
    ), changed AS (
        -- V90's WHEN
        SELECT *, old_flow IS NOT DISTINCT FROM new_flow AND old_created = new_created
                  AND (old_failed IS NULL OR old_failed IS NOT DISTINCT FROM new_failed) AS usual
        FROM pairs
        WHERE old_sent <> new_sent OR old_delivered <> new_delivered
           OR old_failed IS DISTINCT FROM new_failed
           OR (new_status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused')
               AND (old_flow IS DISTINCT FROM new_flow OR old_created <> new_created))
           OR (new_status = 'delivered' AND (old_status_at <> new_status_at OR old_customer IS DISTINCT FROM new_customer))
    ), deltas AS (
        -- The usual change (reached the provider, delivered, failed): one delta.
        SELECT new_flow AS flow_id, new_created AS created_at, new_sent - old_sent AS sent,
               new_delivered - old_delivered AS delivered,
               CASE WHEN old_failed IS NULL AND new_failed IS NOT NULL THEN 1 ELSE 0 END AS failed, new_failed AS error_code
        FROM changed
        WHERE usual AND new_flow IS NOT NULL
          AND (new_sent <> old_sent OR new_delivered <> old_delivered OR new_failed IS NOT NULL)
        UNION ALL
        -- Anything else: take the old contribution back, add the new one.
        SELECT old_flow, old_created, -old_sent, -old_delivered, -(old_failed IS NOT NULL)::int, old_failed
        FROM changed
        WHERE NOT usual AND old_flow IS NOT NULL AND (old_sent = 1 OR old_failed IS NOT NULL)
        UNION ALL
        SELECT new_flow, new_created, new_sent, new_delivered, (new_failed IS NOT NULL)::int, new_failed
        FROM changed
        WHERE NOT usual AND new_flow IS NOT NULL AND (new_sent = 1 OR new_failed IS NOT NULL)
    ), counted AS (
        INSERT INTO flow_count_deltas (flow_id, day, sent, delivered, failed, error_code)
        SELECT flow_id, comeback_utc_day(created_at), sum(sent), sum(delivered), sum(failed), error_code
        FROM deltas GROUP BY 1, 2, error_code
    )
    -- Delivered now, or delivered at another time (V90's condition for re-attributing).
    SELECT array_agg(new_customer), array_agg(new_status_at) INTO delivered_customers, delivered_at
    FROM changed
    WHERE new_delivered = 1 AND new_customer IS NOT NULL AND (old_delivered = 0 OR old_status_at <> new_status_at);
    IF delivered_customers IS NOT NULL THEN
        PERFORM comeback_texts_delivered(delivered_customers, delivered_at);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER outbound_messages_report_inserts ON outbound_messages;
DROP TRIGGER outbound_messages_report_changes ON outbound_messages;
DROP FUNCTION comeback_text_changed();

CREATE TRIGGER outbound_messages_report_inserts AFTER INSERT ON outbound_messages REFERENCING NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_texts_inserted();
CREATE TRIGGER outbound_messages_report_changes AFTER UPDATE ON outbound_messages
    REFERENCING OLD TABLE AS old_texts NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_texts_changed();
