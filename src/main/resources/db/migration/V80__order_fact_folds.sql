-- Order imports that have stored orders whose customers' facts (orders count, first/last order,
-- total spent, recent order times, median gap) are not folded yet. An order import writes its row
-- (committed) before its first batch, stores orders batch by batch without touching customers, and
-- at the end recomputes the facts of every customer with an order id above from_order_id from the
-- orders table, then deletes its row. An import that died half way leaves its row; the next order
-- import or the next start folds it (io.comeback.audience.imports.OrderFactFolds).
-- The importing session holds pg_advisory_lock(8080, id) while it runs: a row whose lock can be
-- taken belongs to an import that is gone.
CREATE TABLE order_fact_folds (
    id             BIGSERIAL PRIMARY KEY,
    from_order_id  BIGINT NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
