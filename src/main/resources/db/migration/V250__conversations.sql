-- Conversations (the dashboard's inbox as threads), replies written by a person, and the follow-up list.

-- One conversation per number that texted something no flow was waiting for. The thread itself is not
-- stored here: it is the person's inbound texts and the ledger's texts to them, read when shown. This row
-- holds only the state people work with: open or closed, read or not, who has it, and when the last
-- auto-reply went out (at most one a day per person).
CREATE TABLE conversations (
    id                BIGSERIAL PRIMARY KEY,
    -- The number the person texts from; NULL after an erasure (NULLs never collide in the unique index).
    phone             TEXT UNIQUE,
    -- The customer with that number when the last text came; NULL for a number no customer has.
    customer_id       BIGINT,
    -- open (someone should answer) or closed; a new text no flow waits for opens it again.
    status            TEXT NOT NULL,
    opened_at         TIMESTAMPTZ NOT NULL,
    last_inbound_at   TIMESTAMPTZ NOT NULL,
    -- Unread while the last text came after it (NULL: never opened).
    read_at           TIMESTAMPTZ,
    assigned_to       TEXT,
    assigned_at       TIMESTAMPTZ,
    closed_at         TIMESTAMPTZ,
    closed_by         TEXT,
    auto_replied_at   TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL
);
-- The inbox lists open conversations, newest text first.
CREATE INDEX conversations_status_idx ON conversations (status, last_inbound_at DESC, id DESC);
CREATE INDEX conversations_customer_idx ON conversations (customer_id) WHERE customer_id IS NOT NULL;

-- The conversations that texts already waiting in the inbox belong to: one per number, open while any of its
-- texts is not handled.
INSERT INTO conversations (phone, customer_id, status, opened_at, last_inbound_at, closed_at, closed_by, created_at)
SELECT DISTINCT ON (from_phone) from_phone, customer_id,
       CASE WHEN bool_or(handled_at IS NULL) OVER w THEN 'open' ELSE 'closed' END,
       min(received_at) OVER w, max(received_at) OVER w,
       CASE WHEN bool_or(handled_at IS NULL) OVER w THEN NULL ELSE max(handled_at) OVER w END,
       CASE WHEN bool_or(handled_at IS NULL) OVER w THEN NULL ELSE 'before conversations' END,
       now()
FROM inbound_messages
WHERE routed_to = 'inbox' AND from_phone IS NOT NULL
WINDOW w AS (PARTITION BY from_phone)
ORDER BY from_phone, received_at DESC, id DESC;

-- A thread reads the person's texts by number as well as by customer (texts sent before the number was a
-- customer's have no customer).
CREATE INDEX inbound_messages_from_idx ON inbound_messages (from_phone, received_at);

-- A text a person wrote from the inbox (kind 'conversation'): who wrote it. NULL for every text a flow sent.
ALTER TABLE outbound_messages ADD COLUMN sent_by TEXT;
-- Replies to a number no customer has are found by number. Partial: the ledger's other rows never enter it,
-- so their status updates do not write it.
CREATE INDEX outbound_messages_conversation_idx ON outbound_messages (to_phone, id) WHERE kind = 'conversation';

-- A customer's NPS history on the customer page.
CREATE INDEX survey_responses_customer_idx ON survey_responses (customer_id, answered_at);

-- The follow-up list: customers tagged needs_follow_up (the feedback flow tags detractors). Few at a time, so a
-- partial index holds only them.
CREATE INDEX customers_needs_follow_up_idx ON customers (id) WHERE 'needs_follow_up' = ANY (tags);

-- Who handled a follow-up and when: the tag is removed, this row stays.
CREATE TABLE follow_ups_handled (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  BIGINT NOT NULL,
    tag          TEXT NOT NULL,
    handled_by   TEXT NOT NULL,
    handled_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX follow_ups_handled_customer_idx ON follow_ups_handled (customer_id, handled_at);
