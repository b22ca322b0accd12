-- After ledger-open-texts.sql: the same schema (status columns in no index of the ledger, fillfactor 50) without
-- the triggers that keep outbound_open and outbound_provider_ids. Not a usable schema (nothing finds pending
-- texts any more): the ceiling of what HOT ledger updates save, for ledger-trigger-cost.sh only.
DROP TRIGGER outbound_messages_open_inserts ON outbound_messages;
DROP TRIGGER outbound_messages_open_changes ON outbound_messages;
