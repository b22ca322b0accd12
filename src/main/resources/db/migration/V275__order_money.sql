-- Money that adds up (README "Connect your shop", CONFIGURATION.md "Money"): orders come in EUR, SEK, DKK, NOK…, and
-- everything that sums them (customer facts, RFM, loyalty, flow reports, attribution, referrals) counts in one
-- reporting currency, comeback.money.currency.
--
-- From here on `total` and `refunded_total` of orders and orders_not_counted are in the reporting currency: what
-- reports sum, with every statement, trigger and index that reads them unchanged. The order's own amounts, as its
-- source gave them, are order_amount (the amount ordered, before refunds) and order_refunded, in `currency`.
-- `rate` is the rate (reporting-currency units per unit of `currency`) the amount was converted at when it was
-- stored; a refund stored later is converted at the rate of its day and added to refunded_total, so a change of
-- rates never rewrites what was counted.
--
-- Rows stored before this migration were summed as they were: they keep total and refunded_total and get their
-- own amounts from them; rate stays NULL (not converted).

ALTER TABLE orders
    ADD COLUMN order_amount NUMERIC(14, 2),
    ADD COLUMN order_refunded NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (order_refunded >= 0),
    ADD COLUMN rate NUMERIC(24, 10) CHECK (rate > 0);
UPDATE orders SET order_amount = total + refunded_total, order_refunded = refunded_total;
ALTER TABLE orders ALTER COLUMN order_amount SET NOT NULL,
    ADD CONSTRAINT orders_order_amount_check CHECK (order_amount >= 0);

ALTER TABLE orders_not_counted
    ADD COLUMN order_amount NUMERIC(14, 2),
    ADD COLUMN order_refunded NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (order_refunded >= 0),
    ADD COLUMN rate NUMERIC(24, 10) CHECK (rate > 0);
UPDATE orders_not_counted SET order_amount = total + refunded_total, order_refunded = refunded_total;
ALTER TABLE orders_not_counted ALTER COLUMN order_amount SET NOT NULL,
    ADD CONSTRAINT orders_not_counted_order_amount_check CHECK (order_amount >= 0);
