-- Every trigger of the flow language runs: date and segment flows are entered by a periodic detection
-- pass, a keyword from someone not opted in waits for a confirmation (double opt-in).

-- Date triggers: the latest occurrence of the date (the local day it fell on) each customer was matched
-- for, per flow, whatever the entry rules then decided. A pass matches each occurrence once: a birthday
-- is met once a year, however often the pass runs that day.
CREATE TABLE date_trigger_matches (
    flow_id          TEXT NOT NULL,
    customer_id      BIGINT NOT NULL,
    last_occurrence  DATE NOT NULL,
    matched_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (flow_id, customer_id)
);

-- Segment triggers: who matched a segment flow's conditions at its last pass. A customer who matches
-- and is not here has joined the segment (and is offered entry); one here who no longer matches left it.
CREATE TABLE segment_members (
    flow_id      TEXT NOT NULL,
    customer_id  BIGINT NOT NULL,
    joined_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (flow_id, customer_id)
);

-- Month and day of a date as one number (17 May: 517), the key a date pass looks customers up by: a
-- yearly date comes round on the same key every year, so a pass reads only the customers whose key is
-- due in the few days around now instead of every customer.
CREATE FUNCTION comeback_day_key(d DATE) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (extract(month FROM d) * 100 + extract(day FROM d))::INTEGER
$$;

-- The same key of a date written as text (an attribute), read as flows read dates: by its first ten
-- characters yyyy-mm-dd; NULL for anything else. A key is only a pre-selection: the service parses the
-- value and works out the exact moment.
CREATE FUNCTION comeback_date_text_key(t TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN t ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN substr(t, 6, 2)::INTEGER * 100 + substr(t, 9, 2)::INTEGER END
$$;

-- The birthday a flow sees: the customer's field, else an attribute of that name.
CREATE INDEX customers_birthday_key_idx
    ON customers ((COALESCE(comeback_day_key(birthday), comeback_date_text_key(attributes ->> 'birthday'))))
    WHERE erased_at IS NULL AND (birthday IS NOT NULL OR attributes ->> 'birthday' IS NOT NULL);
-- The first order's day in UTC; the pass widens the keys by a day either side for the customer's zone.
CREATE INDEX customers_first_order_key_idx
    ON customers ((comeback_day_key((first_order_at AT TIME ZONE 'UTC')::DATE)))
    WHERE erased_at IS NULL AND first_order_at IS NOT NULL;

-- Keyword sign-ups waiting for their confirmation: someone not opted in texted the keyword of a marketing
-- flow and was asked to answer YES / JA. The answer opts them in (consent ledger) and enters the flow.
CREATE TABLE keyword_confirmations (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  BIGINT NOT NULL,
    flow_id      TEXT NOT NULL,
    -- The keyword as texted (its first word, upper case) and the question the service answered with.
    keyword      TEXT NOT NULL,
    question     TEXT NOT NULL,
    asked_at     TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    -- When it was answered (confirmed), or closed unanswered (a STOP, a newer keyword); NULL while pending.
    closed_at    TIMESTAMPTZ,
    confirmed    BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX keyword_confirmations_pending_idx ON keyword_confirmations (customer_id, asked_at)
    WHERE closed_at IS NULL;
