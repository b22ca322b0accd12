-- Flow reports at scale (README "Reports" → "How a flow report stays fast"). The figures of a flow's funnel
-- and lift are kept as the rows they count are written, so a report of any period reads a few hundred
-- rows instead of probing the history of everyone the flow reached. Triggers keep them whatever writes
-- the rows (API, CSV import, the runtime, a script, a test), and every definition stays README "Reports":
--   flow_day_counts / flow_day_failures  entered, held out, converted, sent, delivered, failed by error per
--                                        flow and UTC day (of entry, of the text's creation); triggers append
--                                        deltas to flow_count_deltas, FlowCountsFoldJob folds them in, and a
--                                        report adds the deltas not folded yet
--   order_attributions                   each order's last touch (the latest text delivered before it, any
--                                        flow) and the shortest attribution window that reaches it
--   click_attributions                   the same for each link click
--   lift_orders                          each (enrollment, order placed after entry) pair, for the lift
--   flow_replies                         each inbound text that belongs to a flow
-- Enrollments, orders and ledger rows are never deleted; none of this handles deletion.

-- A UTC calendar day: the unit of the counters. Reports count the partial days at a period's edges from
-- the raw rows.
CREATE FUNCTION comeback_utc_day(at TIMESTAMPTZ) RETURNS DATE
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE 'UTC')::date $$;

-- Touches and lift pairs are kept when the window they need is at most this long. A flow whose
-- attribution window (or lift window) is longer is reported from the raw rows, as before V90.
-- io.comeback.reports.ReportFacts.SPAN_BOUND is the same value.
CREATE FUNCTION comeback_report_span_bound() RETURNS INTERVAL
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT INTERVAL '90 days' $$;

CREATE TABLE flow_day_counts (
    flow_id    TEXT NOT NULL,
    day        DATE NOT NULL,
    entered    BIGINT NOT NULL DEFAULT 0,
    held_out   BIGINT NOT NULL DEFAULT 0,
    converted  BIGINT NOT NULL DEFAULT 0,
    sent       BIGINT NOT NULL DEFAULT 0,
    delivered  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (flow_id, day)
);

CREATE TABLE flow_day_failures (
    flow_id     TEXT NOT NULL,
    day         DATE NOT NULL,
    error_code  TEXT NOT NULL,
    failed      BIGINT NOT NULL,
    PRIMARY KEY (flow_id, day, error_code)
);

-- Append-only and without an index: writers never wait on each other for a counter row (a counter
-- updated by every status change would serialise the dispatchers). Folded often, so it stays small.
-- failed counts texts of error_code (NULL when failed is 0).
CREATE TABLE flow_count_deltas (
    flow_id     TEXT NOT NULL,
    day         DATE NOT NULL,
    entered     INTEGER NOT NULL DEFAULT 0,
    held_out    INTEGER NOT NULL DEFAULT 0,
    converted   INTEGER NOT NULL DEFAULT 0,
    sent        INTEGER NOT NULL DEFAULT 0,
    delivered   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    error_code  TEXT
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);

-- Moves every delta into the counters in one statement: a report's snapshot sees each change either as a
-- delta or in a counter, never both. Returns the number of deltas folded.
CREATE FUNCTION comeback_fold_flow_counts() RETURNS BIGINT LANGUAGE sql AS $$
    WITH moved AS (DELETE FROM flow_count_deltas RETURNING *),
    counts AS (
        INSERT INTO flow_day_counts AS c (flow_id, day, entered, held_out, converted, sent, delivered)
        SELECT flow_id, day, sum(entered), sum(held_out), sum(converted), sum(sent), sum(delivered)
        FROM moved GROUP BY flow_id, day
        ON CONFLICT (flow_id, day) DO UPDATE SET entered = c.entered + excluded.entered,
            held_out = c.held_out + excluded.held_out, converted = c.converted + excluded.converted,
            sent = c.sent + excluded.sent, delivered = c.delivered + excluded.delivered
        RETURNING 1),
    failures AS (
        INSERT INTO flow_day_failures AS f (flow_id, day, error_code, failed)
        SELECT flow_id, day, error_code, sum(failed) FROM moved WHERE error_code IS NOT NULL
        GROUP BY flow_id, day, error_code
        ON CONFLICT (flow_id, day, error_code) DO UPDATE SET failed = f.failed + excluded.failed
        RETURNING 1)
    SELECT count(*) FROM moved
$$;

CREATE TABLE order_attributions (
    order_id       BIGINT PRIMARY KEY,
    customer_id    BIGINT NOT NULL,
    placed_at      TIMESTAMPTZ NOT NULL,
    total          NUMERIC(14, 2) NOT NULL,
    -- The last touch: the latest text delivered to the customer before the order, from any flow.
    flow_id        TEXT NOT NULL,
    message_id     BIGINT NOT NULL,
    enrollment_id  BIGINT,
    text_at        TIMESTAMPTZ NOT NULL,
    -- The click after that text that needs the shortest window, if it needs a shorter one than the text.
    click_at       TIMESTAMPTZ,
    -- The shortest attribution window W for which the order is the flow's: the order is within W of the
    -- text, or within W of a click that is itself within W of the text. Kept independent of W, so a flow
    -- whose window changes is reported right at once: attributed to F ⇔ flow_id = F AND span <= W.
    span           INTERVAL NOT NULL
);
CREATE INDEX order_attributions_flow_idx ON order_attributions (flow_id, placed_at) INCLUDE (span, total);
CREATE INDEX order_attributions_customer_idx ON order_attributions (customer_id, placed_at);

CREATE TABLE click_attributions (
    event_id     BIGINT PRIMARY KEY,
    customer_id  BIGINT NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    flow_id      TEXT NOT NULL,
    message_id   BIGINT NOT NULL,
    text_at      TIMESTAMPTZ NOT NULL,
    span         INTERVAL NOT NULL
);
CREATE INDEX click_attributions_flow_idx ON click_attributions (flow_id, at) INCLUDE (span);
CREATE INDEX click_attributions_customer_idx ON click_attributions (customer_id, at);

CREATE TABLE lift_orders (
    enrollment_id  BIGINT NOT NULL,
    order_id       BIGINT NOT NULL,
    flow_id        TEXT NOT NULL,
    entered_at     TIMESTAMPTZ NOT NULL,
    held_out       BOOLEAN NOT NULL,
    -- placed_at − entered_at, > 0
    span           INTERVAL NOT NULL,
    total          NUMERIC(14, 2) NOT NULL,
    PRIMARY KEY (enrollment_id, order_id)
);
CREATE INDEX lift_orders_flow_idx ON lift_orders (flow_id, entered_at) INCLUDE (held_out, enrollment_id, span, total);

CREATE TABLE flow_replies (
    inbound_id   BIGINT NOT NULL,
    flow_id      TEXT NOT NULL,
    customer_id  BIGINT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (inbound_id, flow_id)
);
CREATE INDEX flow_replies_flow_idx ON flow_replies (flow_id, received_at) INCLUDE (customer_id);

-- "Opted out" starts from the opt-outs of the period (few) instead of everyone the flow reached.
CREATE INDEX consent_events_opt_out_idx ON consent_events (at) INCLUDE (customer_id) WHERE change = 'opt_out';

-- The last touch of an order placed at `placed` by `customer`, or no row when the latest text delivered
-- before it has no flow (an inbox auto-reply: a touch, but no flow's) or needs a window over the bound.
-- Of the clicks between the text and the order, the one needing the shortest window: a click c reaches the
-- order with window W when c − text ≤ W and order − c ≤ W, so it needs greatest(c − text, order − c).
-- Inlined by the planner (one SELECT, STABLE), so callers join it LATERAL at no call cost.
CREATE FUNCTION comeback_order_touch(customer BIGINT, placed TIMESTAMPTZ)
    RETURNS TABLE (flow_id TEXT, message_id BIGINT, enrollment_id BIGINT, text_at TIMESTAMPTZ, click_at TIMESTAMPTZ,
                   span INTERVAL)
    LANGUAGE sql STABLE AS $$
    SELECT t.flow_id, t.id, t.enrollment_id, t.status_at,
           CASE WHEN k.span < placed - t.status_at THEN k.at END, least(placed - t.status_at, k.span)
    FROM (SELECT m.flow_id, m.id, m.enrollment_id, m.status_at FROM outbound_messages m
          WHERE m.customer_id = customer AND m.status = 'delivered' AND m.status_at <= placed
          ORDER BY m.status_at DESC, m.id DESC LIMIT 1) t
    LEFT JOIN LATERAL (
        SELECT ev.at, greatest(ev.at - t.status_at, placed - ev.at) AS span FROM engagement_events ev
        WHERE ev.customer_id = customer AND ev.type = 'link_click' AND ev.at >= t.status_at AND ev.at <= placed
        ORDER BY 2, 1 DESC LIMIT 1) k ON true
    WHERE t.flow_id IS NOT NULL AND least(placed - t.status_at, k.span) <= comeback_report_span_bound()
$$;

-- The last touch of a click at `at`: the latest text delivered before it.
CREATE FUNCTION comeback_click_touch(customer BIGINT, clicked TIMESTAMPTZ)
    RETURNS TABLE (flow_id TEXT, message_id BIGINT, text_at TIMESTAMPTZ, span INTERVAL)
    LANGUAGE sql STABLE AS $$
    SELECT t.flow_id, t.id, t.status_at, clicked - t.status_at
    FROM (SELECT m.flow_id, m.id, m.status_at FROM outbound_messages m
          WHERE m.customer_id = customer AND m.status = 'delivered' AND m.status_at <= clicked
          ORDER BY m.status_at DESC, m.id DESC LIMIT 1) t
    WHERE t.flow_id IS NOT NULL AND clicked - t.status_at <= comeback_report_span_bound()
$$;

-- A fact arrived that can change the last touch of a customer's orders placed (clicks made) at or after
-- `since`: a text delivered at `since`, or a click at `since`. Normally there are none (the order comes
-- after the receipt); an index probe says so.
CREATE FUNCTION comeback_reattribute_orders(customer BIGINT, since TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customer AND o.placed_at >= since) THEN
        DELETE FROM order_attributions a WHERE a.customer_id = customer AND a.placed_at >= since;
        INSERT INTO order_attributions (order_id, customer_id, placed_at, total, flow_id, message_id, enrollment_id,
                                        text_at, click_at, span)
        SELECT o.id, o.customer_id, o.placed_at, o.total, t.flow_id, t.message_id, t.enrollment_id, t.text_at, t.click_at, t.span
        FROM orders o CROSS JOIN LATERAL comeback_order_touch(o.customer_id, o.placed_at) t
        WHERE o.customer_id = customer AND o.placed_at >= since;
    END IF;
END $$;

CREATE FUNCTION comeback_reattribute_clicks(customer BIGINT, since TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM engagement_events ev
               WHERE ev.customer_id = customer AND ev.at >= since AND ev.type = 'link_click') THEN
        DELETE FROM click_attributions a WHERE a.customer_id = customer AND a.at >= since;
        INSERT INTO click_attributions (event_id, customer_id, at, flow_id, message_id, text_at, span)
        SELECT ev.id, ev.customer_id, ev.at, t.flow_id, t.message_id, t.text_at, t.span
        FROM engagement_events ev CROSS JOIN LATERAL comeback_click_touch(ev.customer_id, ev.at) t
        WHERE ev.customer_id = customer AND ev.at >= since AND ev.type = 'link_click';
    END IF;
END $$;

-- ---- Orders: their last touch and their lift pairs, one set-based statement each per insert statement.
CREATE FUNCTION comeback_orders_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO order_attributions (order_id, customer_id, placed_at, total, flow_id, message_id, enrollment_id,
                                    text_at, click_at, span)
    SELECT o.id, o.customer_id, o.placed_at, o.total, t.flow_id, t.message_id, t.enrollment_id, t.text_at, t.click_at, t.span
    FROM new_orders o CROSS JOIN LATERAL comeback_order_touch(o.customer_id, o.placed_at) t
    ON CONFLICT (order_id) DO NOTHING;
    INSERT INTO lift_orders (enrollment_id, order_id, flow_id, entered_at, held_out, span, total)
    SELECT e.id, o.id, e.flow_id, e.entered_at, e.status = 'held_out', o.placed_at - e.entered_at, o.total
    FROM new_orders o
    JOIN enrollments e ON e.customer_id = o.customer_id AND e.entered_at < o.placed_at
                      AND e.entered_at >= o.placed_at - comeback_report_span_bound()
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER orders_report_facts AFTER INSERT ON orders REFERENCING NEW TABLE AS new_orders
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_orders_inserted();

-- ---- Engagement events: a click's last touch; a click can shorten the window of orders placed after it.
CREATE FUNCTION comeback_events_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO click_attributions (event_id, customer_id, at, flow_id, message_id, text_at, span)
    SELECT ev.id, ev.customer_id, ev.at, t.flow_id, t.message_id, t.text_at, t.span
    FROM new_events ev CROSS JOIN LATERAL comeback_click_touch(ev.customer_id, ev.at) t
    WHERE ev.type = 'link_click'
    ON CONFLICT (event_id) DO NOTHING;
    PERFORM comeback_reattribute_orders(c.customer_id, c.since)
    FROM (SELECT customer_id, min(at) AS since FROM new_events WHERE type = 'link_click' GROUP BY customer_id) c;
    RETURN NULL;
END $$;
CREATE TRIGGER engagement_events_report_facts AFTER INSERT ON engagement_events REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_events_inserted();

-- ---- Enrollments: entries per day, and lift pairs with orders already placed after entry (an order is
-- normally ingested after the entry it follows; an import of yesterday's orders is not).
CREATE FUNCTION comeback_enrollments_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO flow_count_deltas (flow_id, day, entered, held_out, converted)
    SELECT flow_id, comeback_utc_day(entered_at), count(*) FILTER (WHERE status <> 'held_out'),
           count(*) FILTER (WHERE status = 'held_out'), count(*) FILTER (WHERE status <> 'held_out' AND conversion)
    FROM new_enrollments GROUP BY 1, 2;
    INSERT INTO lift_orders (enrollment_id, order_id, flow_id, entered_at, held_out, span, total)
    SELECT e.id, o.id, e.flow_id, e.entered_at, e.status = 'held_out', o.placed_at - e.entered_at, o.total
    FROM new_enrollments e
    JOIN orders o ON o.customer_id = e.customer_id AND o.placed_at > e.entered_at
                 AND o.placed_at <= e.entered_at + comeback_report_span_bound()
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER enrollments_report_facts AFTER INSERT ON enrollments REFERENCING NEW TABLE AS new_enrollments
    FOR EACH STATEMENT EXECUTE FUNCTION comeback_enrollments_inserted();

-- A conversion (once per enrollment) moves a counter; the WHEN keeps every other update (timers, state)
-- free of any trigger call.
CREATE FUNCTION comeback_enrollment_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    was_held BOOLEAN := OLD.status = 'held_out';
    is_held BOOLEAN := NEW.status = 'held_out';
BEGIN
    INSERT INTO flow_count_deltas (flow_id, day, entered, held_out, converted)
    VALUES (NEW.flow_id, comeback_utc_day(NEW.entered_at),
            (NOT is_held)::int - (NOT was_held)::int, is_held::int - was_held::int,
            (NOT is_held AND NEW.conversion)::int - (NOT was_held AND OLD.conversion)::int);
    IF was_held <> is_held THEN
        UPDATE lift_orders SET held_out = is_held WHERE enrollment_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER enrollments_report_changes AFTER UPDATE ON enrollments FOR EACH ROW
    WHEN (OLD.conversion IS DISTINCT FROM NEW.conversion OR (OLD.status = 'held_out') <> (NEW.status = 'held_out'))
    EXECUTE FUNCTION comeback_enrollment_changed();

-- ---- Ledger rows: a text counts as sent once it reached the provider (queued … failed), as delivered,
-- or as failed by its error code (undelivered, failed, refused). Only changes of those move a counter
-- (about two per text); a text becoming delivered can be the last touch of orders and clicks the
-- customer made after it (a receipt applied after the order was ingested).
CREATE FUNCTION comeback_text_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    new_sent INT := (NEW.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))::int;
    new_delivered INT := (NEW.status = 'delivered')::int;
    new_failed TEXT := CASE WHEN NEW.status IN ('undelivered', 'failed', 'refused') THEN coalesce(NEW.error_code, 'none') END;
    old_sent INT := 0;
    old_delivered INT := 0;
    old_failed TEXT;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        old_sent := (OLD.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))::int;
        old_delivered := (OLD.status = 'delivered')::int;
        old_failed := CASE WHEN OLD.status IN ('undelivered', 'failed', 'refused') THEN coalesce(OLD.error_code, 'none') END;
    END IF;
    IF TG_OP = 'INSERT' OR (OLD.flow_id IS NOT DISTINCT FROM NEW.flow_id AND OLD.created_at = NEW.created_at
                            AND (old_failed IS NULL OR old_failed IS NOT DISTINCT FROM new_failed)) THEN
        -- The usual change (reached the provider, delivered, failed): one delta row.
        IF NEW.flow_id IS NOT NULL AND (new_sent <> old_sent OR new_delivered <> old_delivered OR new_failed IS NOT NULL) THEN
            INSERT INTO flow_count_deltas (flow_id, day, sent, delivered, failed, error_code)
            VALUES (NEW.flow_id, comeback_utc_day(NEW.created_at), new_sent - old_sent, new_delivered - old_delivered,
                    CASE WHEN old_failed IS NULL AND new_failed IS NOT NULL THEN 1 ELSE 0 END, new_failed);
        END IF;
    ELSE
        -- Anything else: take the old contribution back, add the new one.
        IF OLD.flow_id IS NOT NULL AND (old_sent = 1 OR old_failed IS NOT NULL) THEN
            INSERT INTO flow_count_deltas (flow_id, day, sent, delivered, failed, error_code)
            VALUES (OLD.flow_id, comeback_utc_day(OLD.created_at), -old_sent, -old_delivered,
                    -(old_failed IS NOT NULL)::int, old_failed);
        END IF;
        IF NEW.flow_id IS NOT NULL AND (new_sent = 1 OR new_failed IS NOT NULL) THEN
            INSERT INTO flow_count_deltas (flow_id, day, sent, delivered, failed, error_code)
            VALUES (NEW.flow_id, comeback_utc_day(NEW.created_at), new_sent, new_delivered,
                    (new_failed IS NOT NULL)::int, new_failed);
        END IF;
    END IF;
    IF new_delivered = 1 AND NEW.customer_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR old_delivered = 0 OR OLD.status_at <> NEW.status_at) THEN
        IF EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = NEW.customer_id AND o.placed_at >= NEW.status_at) THEN
            PERFORM comeback_reattribute_orders(NEW.customer_id, NEW.status_at);
        END IF;
        IF EXISTS (SELECT 1 FROM engagement_events ev
                   WHERE ev.customer_id = NEW.customer_id AND ev.at >= NEW.status_at AND ev.type = 'link_click') THEN
            PERFORM comeback_reattribute_clicks(NEW.customer_id, NEW.status_at);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER outbound_messages_report_inserts AFTER INSERT ON outbound_messages FOR EACH ROW
    WHEN (NEW.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused'))
    EXECUTE FUNCTION comeback_text_changed();
CREATE TRIGGER outbound_messages_report_changes AFTER UPDATE ON outbound_messages FOR EACH ROW
    WHEN ((OLD.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))
              <> (NEW.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))
          OR (OLD.status = 'delivered') <> (NEW.status = 'delivered')
          OR (CASE WHEN OLD.status IN ('undelivered', 'failed', 'refused') THEN coalesce(OLD.error_code, 'none') END)
              IS DISTINCT FROM (CASE WHEN NEW.status IN ('undelivered', 'failed', 'refused') THEN coalesce(NEW.error_code, 'none') END)
          OR (NEW.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused')
              AND (OLD.flow_id IS DISTINCT FROM NEW.flow_id OR OLD.created_at <> NEW.created_at))
          OR (NEW.status = 'delivered' AND (OLD.status_at <> NEW.status_at OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)))
    EXECUTE FUNCTION comeback_text_changed();

-- ---- Inbound texts: those of a flow (a reply to its enrollment, or a keyword that started it).
CREATE FUNCTION comeback_inbound_routed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM flow_replies WHERE inbound_id = NEW.id;
    END IF;
    IF NEW.customer_id IS NOT NULL THEN
        INSERT INTO flow_replies (inbound_id, flow_id, customer_id, received_at)
        SELECT DISTINCT NEW.id, f.flow_id, NEW.customer_id, NEW.received_at
        FROM (SELECT e.flow_id FROM enrollments e WHERE e.id = NEW.enrollment_id UNION ALL SELECT NEW.flow_id) f
        WHERE f.flow_id IS NOT NULL;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER inbound_messages_report_inserts AFTER INSERT ON inbound_messages FOR EACH ROW
    WHEN (NEW.customer_id IS NOT NULL AND (NEW.enrollment_id IS NOT NULL OR NEW.flow_id IS NOT NULL))
    EXECUTE FUNCTION comeback_inbound_routed();
CREATE TRIGGER inbound_messages_report_changes AFTER UPDATE ON inbound_messages FOR EACH ROW
    WHEN ((OLD.customer_id, OLD.enrollment_id, OLD.flow_id, OLD.received_at)
          IS DISTINCT FROM (NEW.customer_id, NEW.enrollment_id, NEW.flow_id, NEW.received_at))
    EXECUTE FUNCTION comeback_inbound_routed();

-- ---- Backfill. The triggers above already hold their tables' locks in this transaction, so nothing is
-- written meanwhile and nothing is counted twice.
INSERT INTO flow_day_counts (flow_id, day, entered, held_out, converted, sent, delivered)
SELECT flow_id, day, sum(entered), sum(held_out), sum(converted), sum(sent), sum(delivered)
FROM (SELECT flow_id, comeback_utc_day(entered_at) AS day, count(*) FILTER (WHERE status <> 'held_out') AS entered,
             count(*) FILTER (WHERE status = 'held_out') AS held_out,
             count(*) FILTER (WHERE status <> 'held_out' AND conversion) AS converted, 0 AS sent, 0 AS delivered
      FROM enrollments GROUP BY 1, 2
      UNION ALL
      SELECT flow_id, comeback_utc_day(created_at), 0, 0, 0,
             count(*) FILTER (WHERE status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed')),
             count(*) FILTER (WHERE status = 'delivered')
      FROM outbound_messages WHERE flow_id IS NOT NULL GROUP BY 1, 2) x
GROUP BY flow_id, day;

INSERT INTO flow_day_failures (flow_id, day, error_code, failed)
SELECT flow_id, comeback_utc_day(created_at), coalesce(error_code, 'none'), count(*)
FROM outbound_messages WHERE flow_id IS NOT NULL AND status IN ('undelivered', 'failed', 'refused')
GROUP BY 1, 2, 3;

INSERT INTO order_attributions (order_id, customer_id, placed_at, total, flow_id, message_id, enrollment_id,
                                text_at, click_at, span)
SELECT o.id, o.customer_id, o.placed_at, o.total, t.flow_id, t.message_id, t.enrollment_id, t.text_at, t.click_at, t.span
FROM orders o CROSS JOIN LATERAL comeback_order_touch(o.customer_id, o.placed_at) t
WHERE o.customer_id IN (SELECT customer_id FROM outbound_messages WHERE status = 'delivered');

INSERT INTO click_attributions (event_id, customer_id, at, flow_id, message_id, text_at, span)
SELECT ev.id, ev.customer_id, ev.at, t.flow_id, t.message_id, t.text_at, t.span
FROM engagement_events ev CROSS JOIN LATERAL comeback_click_touch(ev.customer_id, ev.at) t
WHERE ev.type = 'link_click';

INSERT INTO lift_orders (enrollment_id, order_id, flow_id, entered_at, held_out, span, total)
SELECT e.id, o.id, e.flow_id, e.entered_at, e.status = 'held_out', o.placed_at - e.entered_at, o.total
FROM enrollments e
JOIN orders o ON o.customer_id = e.customer_id AND o.placed_at > e.entered_at
             AND o.placed_at <= e.entered_at + comeback_report_span_bound();

INSERT INTO flow_replies (inbound_id, flow_id, customer_id, received_at)
SELECT DISTINCT im.id, f.flow_id, im.customer_id, im.received_at
FROM inbound_messages im
LEFT JOIN enrollments e ON e.id = im.enrollment_id
CROSS JOIN LATERAL (VALUES (e.flow_id), (im.flow_id)) f(flow_id)
WHERE im.customer_id IS NOT NULL AND f.flow_id IS NOT NULL;
