-- Orders an order import stored recently enough to start order_placed flows (comeback.import.trigger-window),
-- kept aside batch by batch in the batch's transaction and entered into their flows at the end of the import,
-- after the customer facts are folded (so the flows' filters and conditions see them), in the transaction that
-- deletes the import's order_fact_folds row: an import that dies leaves both, and the recovery that folds its
-- facts (io.comeback.audience.imports.OrderFactFolds) also enters what it kept aside. Usually a handful of rows:
-- a file of history keeps none.
CREATE TABLE order_import_triggers (
    fold_id    BIGINT NOT NULL REFERENCES order_fact_folds (id) ON DELETE CASCADE,
    order_ref  BIGINT NOT NULL,  -- orders.id
    PRIMARY KEY (fold_id, order_ref)
);
