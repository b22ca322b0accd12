-- The provider's concurrency limit (Twilio: requests in flight per account) divided among the replicas: one row
-- per replica that sends, holding its share. The shares of all rows never add up to more than the limit: a replica
-- takes only what the others leave free, under a cluster-wide lock, and gives back what it no longer may use at its
-- next renewal. A row not renewed by expires_at (its replica died or lost the database) is deleted by the next
-- renewal of any replica, and its permits are shared again.
CREATE TABLE provider_concurrency_leases (
    -- Host name and a random part, one per process.
    holder      TEXT PRIMARY KEY,
    -- Sends this replica may have in flight at the provider.
    permits     INTEGER NOT NULL CHECK (permits >= 0),
    -- Sends it could have in flight (in flight + waiting at its last renewal): the division is by demand.
    wanted      INTEGER NOT NULL CHECK (wanted >= 0),
    -- The database's clock, so the replicas' clocks need not agree.
    expires_at  TIMESTAMPTZ NOT NULL,
    renewed_at  TIMESTAMPTZ NOT NULL
);
