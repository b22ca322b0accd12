-- Tracked short links (README "Links"): every {{ link.* }} of a text sent becomes <base>/l/<code>, one per
-- recipient, text and link name, never expiring. The code is an HMAC of what the link is (the enrollment, the
-- text's send key and the link's name) under the key below, so a text rendered again (a retried wake-up batch)
-- carries the same code and its row is written once, in the batch that writes the text.
CREATE TABLE short_links (
    -- 12 characters of [0-9A-Za-z]: 71 bits.
    code           TEXT PRIMARY KEY,
    -- NULL once the person is erased: the link still redirects, its clicks are no longer recorded.
    customer_id    BIGINT,
    -- The flow (utm_campaign) whose text carries the link, or the campaign.
    flow_id        TEXT,
    campaign_id    TEXT,
    enrollment_id  BIGINT,
    -- The text: outbound_messages (enrollment_id, send_key).
    send_key       TEXT,
    -- utm_content.
    step_id        TEXT,
    link_name      TEXT NOT NULL,
    target         TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    -- The first click by a person (link previews and HEAD requests are not clicks), and its link_click event.
    clicked_at     TIMESTAMPTZ,
    click_event_id BIGINT
);
-- Erasure and the access export find a person's links.
CREATE INDEX short_links_customer_idx ON short_links (customer_id) WHERE customer_id IS NOT NULL;

-- The key of the codes' HMAC: made once, by the first replica that starts, and shared by all (a row, not a
-- setting, so no operator has to keep one more secret in step across replicas).
CREATE TABLE short_link_keys (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    key  BYTEA NOT NULL CHECK (length(key) >= 32)
);
