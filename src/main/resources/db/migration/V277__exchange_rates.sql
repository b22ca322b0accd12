-- Exchange rates the operator keeps through the API (PUT /api/money/rates): units of the reporting currency one unit
-- of the currency is worth. A rate here wins over comeback.money.rates.<CODE>, which wins over the reference rates.
-- Orders keep the rate they were stored at, so changing or deleting a row never rewrites what was counted.
CREATE TABLE exchange_rates (
    currency   TEXT PRIMARY KEY CHECK (currency ~ '^[A-Z]{3}$'),
    rate       NUMERIC(24, 10) NOT NULL CHECK (rate > 0),
    updated_at TIMESTAMPTZ NOT NULL,
    -- The user or API key that set it (an operator, never a customer).
    updated_by TEXT NOT NULL
);
