package io.comeback.audience.imports;

import io.comeback.audience.FieldViolation;
import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderInput;
import io.comeback.audience.OrderStore;
import io.comeback.audience.OrderValidator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Orders from CSV, idempotent like the API: an {@code orderId} already stored is counted as
 * unchanged, never duplicated. New orders are folded into their customers' facts per batch.
 */
final class OrderCsvImport extends CsvImport {

    static final List<String> REQUIRED = List.of("orderId", "customerId", "total", "currency", "placedAt");
    static final Set<String> KNOWN = Set.of("orderId", "customerId", "total", "currency", "placedAt", "couponCode");

    private final OrderValidator validator;

    OrderCsvImport(Connection connection, int batchSize, int maxListed, OrderValidator validator) {
        super(connection, batchSize, maxListed, "orders");
        this.validator = validator;
    }

    @Override
    protected void acceptHeader(List<String> header) {
        List<String> missing = REQUIRED.stream().filter(c -> !hasColumn(c)).toList();
        if (!missing.isEmpty()) {
            throw new ImportRejectedException(1, "the header lacks the column(s) " + String.join(", ", missing)
                    + "; an orders file has " + String.join(",", REQUIRED) + ",couponCode");
        }
        for (String column : header) {
            if (!KNOWN.contains(column.trim())) {
                throw new ImportRejectedException(1, "unknown column '" + column + "'; an orders file has "
                        + String.join(",", REQUIRED) + ",couponCode");
            }
        }
    }

    @Override
    protected String createStagingTables() {
        return """
                CREATE TEMP TABLE import_orders (line BIGINT, order_id TEXT, customer_external_id TEXT,
                    total NUMERIC(14, 2), currency TEXT, placed_at TIMESTAMPTZ, coupon_code TEXT, customer_id BIGINT);
                CREATE TEMP TABLE import_seen (key TEXT PRIMARY KEY, line BIGINT);
                """;
    }

    @Override
    protected String dropStagingTables() {
        return "DROP TABLE IF EXISTS pg_temp.import_orders, pg_temp.import_seen";
    }

    @Override
    protected String copyIntoStaging() {
        return "COPY import_orders (line, order_id, customer_external_id, total, currency, placed_at, coupon_code) FROM STDIN";
    }

    @Override
    protected boolean stage(CsvReader.Row row, CopyRowWriter out) {
        OrderInput input = new OrderInput(value(row, "orderId"), value(row, "customerId"), value(row, "total"),
                value(row, "currency"), value(row, "placedAt"), List.of(), value(row, "couponCode"));
        OrderValidator.Result result = validator.validate(input);
        if (result instanceof OrderValidator.Invalid invalid) {
            for (FieldViolation v : invalid.violations()) {
                report.reject(row.line(), v.field(), v.message());
            }
            return false;
        }
        OrderDraft o = ((OrderValidator.Valid) result).draft();
        out.field(row.line()).field(o.orderId()).field(o.customerExternalId()).field(o.total().toPlainString())
                .field(o.currency()).field(o.placedAt()).field(o.couponCode()).endRow();
        return true;
    }

    @Override
    protected void mergeBatch() throws SQLException {
        // Without statistics the planner guesses a tiny staging table and picks poor joins.
        execute("ANALYZE import_orders");
        execute("""
                INSERT INTO import_seen SELECT order_id, min(line) FROM import_orders GROUP BY order_id
                ON CONFLICT (key) DO NOTHING""");
        rejectWhere("""
                DELETE FROM import_orders s USING import_seen f
                WHERE s.order_id = f.key AND s.line <> f.line
                RETURNING s.line, 'duplicate: orderId ''' || s.order_id || ''' already appears on line ' || f.line""",
                "orderId");
        execute("""
                UPDATE import_orders s SET customer_id = c.id FROM customers c
                WHERE c.external_id = s.customer_external_id AND c.erased_at IS NULL""");
        rejectWhere("""
                DELETE FROM import_orders s WHERE customer_id IS NULL
                RETURNING s.line, 'no customer ''' || s.customer_external_id || '''; import customers first'""",
                "customerId");
        String insertAndFold = """
                WITH inserted AS (
                    INSERT INTO orders (order_id, customer_id, total, currency, placed_at, coupon_code)
                    SELECT s.order_id, s.customer_id, s.total, s.currency, s.placed_at, s.coupon_code
                    FROM import_orders s ORDER BY s.line
                    ON CONFLICT (order_id) DO NOTHING
                    RETURNING customer_id, total, placed_at),
                folded AS (%s RETURNING 1)
                SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM import_orders)
                """.formatted(OrderStore.FOLD_FACTS.formatted("""
                SELECT customer_id, count(*) AS count, min(placed_at) AS first_at, max(placed_at) AS last_at,
                       sum(total) AS spent
                FROM inserted GROUP BY customer_id""").strip());
        try (PreparedStatement st = connection.prepareStatement(insertAndFold); ResultSet rs = st.executeQuery()) {
            rs.next();
            long inserted = rs.getLong(1);
            report.imported += inserted;
            report.unchanged += rs.getLong(2) - inserted;
        }
        execute("TRUNCATE import_orders");
    }
}
