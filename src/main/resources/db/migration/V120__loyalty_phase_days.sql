-- Order sums per "phase day" for loyalty reports in zones other than the roll-up's (README "Reports",
-- "How loyalty figures are kept"). A zone whose offset is a whole number of hours starts its days at one
-- UTC hour of the day (two in a zone with daylight saving time): its phase, 0–23. Phase k's day of an
-- instant t is the UTC date of t − k hours; for each phase asked for, this table holds the same sums as
-- loyalty_days (orders per day and the day of each order's previous order), in that phase's days. So a
-- calendar period of any such zone is whole phase days plus, on the days the clocks change, an hour.
CREATE TABLE loyalty_phase_days (
    phase          SMALLINT NOT NULL CHECK (phase BETWEEN 0 AND 23),
    day            DATE NOT NULL,
    prev_day       DATE NOT NULL,
    orders         BIGINT NOT NULL,
    second_orders  BIGINT NOT NULL,
    revenue        NUMERIC NOT NULL,
    PRIMARY KEY (phase, day, prev_day)
);

-- The phases reports have asked for. A report asks for a phase that is not built yet by adding it here
-- (and answers from the orders that once); the next fold builds it from all orders and keeps it from then
-- on, so only the phases in use cost anything when orders are folded in.
CREATE TABLE loyalty_phases (
    phase  SMALLINT PRIMARY KEY CHECK (phase BETWEEN 0 AND 23),
    built  BOOLEAN NOT NULL DEFAULT false
);
