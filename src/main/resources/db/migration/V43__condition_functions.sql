-- Flow conditions (entry audience) in SQL, so an audience preview and the detector can apply a flow's
-- conditions to a million customers in one scan. These functions mirror
-- io.comeback.engine.model.ValueComparison: numbers as numbers (9 equals 9.0), ISO dates as dates,
-- everything else as text ignoring case; ordering what is neither is false. ConditionSqlAgreementTest
-- holds the two together.

-- Java's String.trim: strips control characters and spaces at both ends.
CREATE FUNCTION comeback_trim(t TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(t, '^[\x01-\x20]+|[\x01-\x20]+$', '', 'g')
$$;

-- new BigDecimal(t.trim()), or NULL when that would throw.
CREATE FUNCTION comeback_number(t TEXT) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN comeback_trim(t) ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,4})?$'
                THEN comeback_trim(t)::NUMERIC END
$$;

-- LocalDate.parse(t.trim()) (strict ISO yyyy-MM-dd), or NULL when that would throw.
CREATE FUNCTION comeback_date(t TEXT) RETURNS DATE
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF t IS NULL OR comeback_trim(t) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    RETURN comeback_trim(t)::DATE;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- -1, 0 or 1 when both are numbers or both are dates; NULL when they cannot be ordered.
CREATE FUNCTION comeback_compare(a TEXT, e TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN comeback_number(a) IS NOT NULL AND comeback_number(e) IS NOT NULL
                    THEN sign(comeback_number(a) - comeback_number(e))::INTEGER
                WHEN comeback_date(a) IS NOT NULL AND comeback_date(e) IS NOT NULL
                    THEN sign(comeback_date(a) - comeback_date(e))::INTEGER END
$$;

CREATE FUNCTION comeback_same(a TEXT, e TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(comeback_compare(a, e) = 0, lower(comeback_trim(a)) = lower(comeback_trim(e)))
$$;

-- One comparison; op is the name of io.comeback.engine.model.Operator. Never NULL.
CREATE FUNCTION comeback_condition(op TEXT, a TEXT, expected TEXT[]) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE op
        WHEN 'EXISTS' THEN present
        WHEN 'MISSING' THEN NOT present
        WHEN 'EQUALS' THEN present AND EXISTS (SELECT 1 FROM unnest(expected) x WHERE comeback_same(a, x))
        WHEN 'NOT_EQUALS' THEN NOT present OR NOT EXISTS (SELECT 1 FROM unnest(expected) x WHERE comeback_same(a, x))
        WHEN 'AT_LEAST' THEN present AND COALESCE(comeback_compare(a, expected[1]) >= 0, FALSE)
        WHEN 'AT_MOST' THEN present AND COALESCE(comeback_compare(a, expected[1]) <= 0, FALSE)
        WHEN 'ABOVE' THEN present AND COALESCE(comeback_compare(a, expected[1]) > 0, FALSE)
        WHEN 'BELOW' THEN present AND COALESCE(comeback_compare(a, expected[1]) < 0, FALSE)
    END
    FROM (SELECT a IS NOT NULL AND comeback_trim(a) <> '' AS present) s
$$;
