-- A number the carrier says cannot receive texts is left out of sends until the customer's number changes.
ALTER TABLE customers ADD COLUMN unreachable_since TIMESTAMPTZ;
ALTER TABLE customers ADD COLUMN unreachable_reason TEXT;
