-- RFM: recency, frequency and monetary scores 1–5 per customer, by quintile of the customers who
-- have ordered. Only the four cut points of each dimension are stored (one row, recomputed by a
-- periodic job), and scores are derived when read: a customer's recency keeps ageing between two
-- recomputations and every order moves their frequency and money at once, without rewriting a
-- million customer rows each night.
CREATE TABLE rfm_boundaries (
    id             SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    -- Ascending cut points at 20/40/60/80 %: whole days since the last order, orders count, total spent.
    recency_days   NUMERIC[] NOT NULL,
    frequency      NUMERIC[] NOT NULL,
    monetary       NUMERIC[] NOT NULL,
    customers      BIGINT NOT NULL,
    computed_at    TIMESTAMPTZ NOT NULL
);

-- 1 + how many cut points lie strictly below the value: 1 (lowest fifth) … 5 (highest fifth).
-- Ties share the lower score, so when most customers ordered once, "once" scores 1 for frequency.
CREATE FUNCTION comeback_rfm_rank(value NUMERIC, cuts NUMERIC[]) RETURNS SMALLINT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN value IS NULL OR cuts IS NULL THEN NULL
                ELSE (1 + (SELECT count(*) FROM unnest(cuts) c WHERE c < value))::SMALLINT END
$$;

-- Whole days between the last order and the instant the score is read at: a customer's recency
-- score changes at most once a day, and the cut points read as "ordered within the last 12 days".
CREATE FUNCTION comeback_days_since(at TIMESTAMPTZ, as_of TIMESTAMPTZ) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN at IS NULL THEN NULL ELSE floor(extract(epoch FROM as_of - at) / 86400)::NUMERIC END
$$;

-- {recency, frequency, monetary} of one customer as of an instant; NULL for a customer who never
-- ordered or before the first computation. Recency: the most recent fifth scores 5.
CREATE FUNCTION comeback_rfm_scores(last_order_at TIMESTAMPTZ, orders_count INTEGER, total_spent NUMERIC,
                                    as_of TIMESTAMPTZ) RETURNS SMALLINT[]
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT ARRAY[(6 - comeback_rfm_rank(comeback_days_since(last_order_at, as_of), b.recency_days))::SMALLINT,
                 comeback_rfm_rank(orders_count, b.frequency),
                 comeback_rfm_rank(total_spent, b.monetary)]
    FROM rfm_boundaries b
    WHERE orders_count > 0 AND last_order_at IS NOT NULL
$$;
