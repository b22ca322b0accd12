package io.comeback.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.FieldViolation;
import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderValidator;
import io.comeback.audience.money.ExchangeRates;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Orders from CSV, idempotent like the API: an {@code orderId} already stored is counted as
 * unchanged, never duplicated. Batches store orders without touching customers; their facts are
 * folded once per customer when the file ends ({@link OrderFactFolds}). What the new orders set in
 * motion ({@link ImportFollowUp}): each batch tells the running enrollments of its customers and keeps
 * aside its recent orders, which enter their {@code order_placed} flows once the facts are folded — all of it
 * {@link OrderImportFold}'s part; this class reads, checks and stages the rows and merges each batch.
 */
final class OrderCsvImport extends CsvImport {

    static final List<String> REQUIRED = List.of("orderId", "customerId", "total", "currency", "placedAt");
    static final Set<String> KNOWN = Set.of(
            "orderId", "customerId", "total", "currency", "placedAt", "couponCode", "status", "refunded", "items");
    private static final String COLUMNS = String.join(",", REQUIRED) + ",couponCode,status,refunded,items";

    private final OrderCsvRow rows;
    private final ExchangeRates rates;
    private final ImportFollowUp followUp;
    private final OrderImportFold fold;

    /**
     * @param lanes connections storing batches at once: rows go to a lane by their orderId, so the
     *              rows one orderId appears on are merged in file order (the first line wins) by one lane
     */
    OrderCsvImport(
            Connection connection,
            int batchSize,
            int maxListed,
            OrderValidator validator,
            ExchangeRates rates,
            ObjectMapper json,
            OrderFactFolds.FoldWorkers foldWorkers,
            int lanes,
            ImportFollowUp followUp) {
        super(connection, new ImportSettings("orders", batchSize, maxListed, lanes, foldWorkers.source(), false));
        this.rows = new OrderCsvRow(validator, json);
        this.rates = rates;
        this.followUp = followUp;
        this.fold = new OrderImportFold(foldWorkers, followUp);
    }

    @Override
    protected void acceptHeader(List<String> header) {
        List<String> missing = REQUIRED.stream().filter(c -> !hasColumn(c)).toList();
        if (!missing.isEmpty()) {
            throw new ImportRejectedException(
                    1,
                    "the header lacks the column(s) " + String.join(", ", missing) + "; an orders file has " + COLUMNS);
        }
        for (String column : header) {
            if (!KNOWN.contains(column.trim())) {
                throw new ImportRejectedException(1, "unknown column '" + column + "'; an orders file has " + COLUMNS);
            }
        }
    }

    /**
     * Orders of different orderIds never meet in the merge (no customer is updated per batch), so lanes
     * keyed by orderId store side by side without waiting on each other: one core parses while two
     * PostgreSQL backends insert.
     */
    @Override
    protected int laneOf(CsvReader.Row row, int lanes) {
        String orderId = value(row, "orderId");
        return orderId == null ? 0 : Math.floorMod(orderId.trim().hashCode(), lanes);
    }

    @Override
    protected void beforeBatches() throws SQLException {
        fold.begin(connection);
    }

    @Override
    protected void afterBatches() throws SQLException {
        fold.finish(connection, report);
    }

    @Override
    protected void afterFailure() {
        fold.afterFailure(connection);
    }

    @Override
    protected String createStagingTables() {
        // import_orders.total: in the reporting currency (what reports sum), order_amount the order's own.
        // import_stored_orders: the orders the batch stored, for what they set in motion; its total is the order's own
        // amount (order.total of the flows they start).
        return """
                CREATE TEMP TABLE import_orders (line BIGINT, order_id TEXT, customer_external_id TEXT,
                    total NUMERIC(14, 2), order_amount NUMERIC(14, 2), order_refunded NUMERIC(14, 2), currency TEXT,
                    rate NUMERIC(24, 10), placed_at TIMESTAMPTZ, coupon_code TEXT, status TEXT,
                    refunded_total NUMERIC(14, 2), items JSONB);
                CREATE TEMP TABLE import_stored_orders (id BIGINT, customer_id BIGINT, order_id TEXT,
                    total NUMERIC(14, 2), coupon_code TEXT, placed_at TIMESTAMPTZ)""";
    }

    @Override
    protected String dropStagingTables() {
        return "DROP TABLE IF EXISTS pg_temp.import_orders, pg_temp.import_stored_orders";
    }

    @Override
    protected void batchCommitted() {
        followUp.committed();
    }

    @Override
    protected String copyIntoStaging() {
        return "COPY import_orders FROM STDIN";
    }

    @Override
    protected boolean stage(CsvReader.Row row, CopyRowWriter out) {
        OrderCsvRow.Result result = rows.judge(
                value(row, "orderId"),
                value(row, "customerId"),
                amount(row, "total"),
                value(row, "currency"),
                value(row, "placedAt"),
                value(row, "couponCode"),
                value(row, "status"),
                amount(row, "refunded"),
                value(row, "items"));
        if (result instanceof OrderCsvRow.Unfit unfit) {
            for (FieldViolation v : unfit.violations()) {
                report.reject(row.line(), v.field(), v.message());
            }
            return false;
        }
        OrderCsvRow.Staged staged = ((OrderCsvRow.Fit) result).staged();
        OrderDraft o = staged.draft();
        fold.staged(!o.items().isEmpty());
        // The validator refused a currency without a rate; the rate in force now is kept with the order. What it
        // counts (net of refunds) and what was refunded are stored in the reporting currency, as OrderChanges does.
        BigDecimal rate = rates.require(o.currency());
        out.field(row.line())
                .field(o.orderId())
                .field(o.customerExternalId())
                .field(ExchangeRates.convert(staged.net(), rate).toPlainString())
                .field(o.total().toPlainString())
                .field(staged.refunded().toPlainString())
                .field(o.currency())
                .field(rate.toPlainString())
                .field(o.placedAt())
                .field(o.couponCode())
                .field(staged.status().wire())
                .field(ExchangeRates.convert(staged.refunded(), rate).toPlainString())
                .field(staged.itemsJson())
                .endRow();
        return true;
    }

    @Override
    protected void mergeBatch(Connection connection, StageClock stages) throws SQLException {
        // No ANALYZE of the staging table (a large share of a batch): its statements' plans are fixed by their
        // shape (lateral look-ups, hashed NOT IN), and a table emptied by TRUNCATE has relpages 0, so
        // the planner counts its rows from its size in blocks. With statistics it also chose a Memoize of
        // the customer look-ups that missed for nearly every row.
        rejectWhere(connection, """
                DELETE FROM import_orders s USING (SELECT order_id, min(line) AS line FROM import_orders
                                                   GROUP BY order_id HAVING count(*) > 1) f
                WHERE s.order_id = f.order_id AND s.line <> f.line
                RETURNING s.line, 'duplicate: orderId ''' || s.order_id || ''' already appears on line ' || f.line""", "orderId");
        stages.mark("dedupe");
        OrderImportMerge.store(connection, fold.keptSince(), startedAt, report);
        stages.mark("merge");
        fold.batchStored(connection, report);
        stages.mark("flows");
        execute(connection, "TRUNCATE import_orders");
        stages.mark("truncate");
    }
}
