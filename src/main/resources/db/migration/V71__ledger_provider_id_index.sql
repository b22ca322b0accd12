-- A ledger row has no provider id until the gateway took it, and a btree stores NULLs too: the plain
-- UNIQUE constraint wrote an entry for the insert and for the dispatching update of every text, for
-- nothing. Look-ups by provider id (receipts, webhooks) say provider_message_id = …, which this serves.
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_provider_message_id_key;
CREATE UNIQUE INDEX outbound_messages_provider_message_id_key ON outbound_messages (provider_message_id)
    WHERE provider_message_id IS NOT NULL;
