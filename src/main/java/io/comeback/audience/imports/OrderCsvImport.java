package io.comeback.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.FieldViolation;
import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderValidator;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.support.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Orders from CSV, idempotent like the API: an {@code orderId} already stored is counted as
 * unchanged, never duplicated. Batches store orders without touching customers; their facts are
 * folded once per customer when the file ends ({@link OrderFactFolds}). What the new orders set in
 * motion ({@link ImportFollowUp}): each batch tells the running enrollments of its customers and keeps
 * aside its recent orders, which enter their {@code order_placed} flows once the facts are folded.
 */
final class OrderCsvImport extends CsvImport {

    private static final Logger LOG = Logger.getLogger(OrderCsvImport.class);

    static final List<String> REQUIRED = List.of("orderId", "customerId", "total", "currency", "placedAt");
    static final Set<String> KNOWN = Set.of(
            "orderId", "customerId", "total", "currency", "placedAt", "couponCode", "status", "refunded", "items");
    private static final String COLUMNS = String.join(",", REQUIRED) + ",couponCode,status,refunded,items";

    private final OrderCsvRow rows;
    private final ExchangeRates rates;
    private final OrderFactFolds.FoldWorkers foldWorkers;
    private final ImportFollowUp followUp;
    /** This import's row in order_fact_folds. */
    private long foldId = -1;
    /** The oldest order that may be a goal of a running enrollment, or start a flow; empty: none (history). */
    private Optional<Instant> signalledSince = Optional.empty();

    private Optional<Instant> triggeringSince = Optional.empty();

    /** Whether a row had items: their facts (favourite category, last product) are then derived after the fold. */
    private boolean anyItems;

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
        this.foldWorkers = foldWorkers;
        this.followUp = followUp;
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
        // Facts an earlier import left unfolded (it died half way) are folded before this one adds more.
        OrderFactFolds.recoverAbandoned(connection, followUp);
        // Asked once: enrollments that begin while the import runs began after every order it can store.
        signalledSince = followUp.oldestSignallingOrder(connection);
        triggeringSince = followUp.oldestTriggeringOrder();
        foldId = OrderFactFolds.begin(connection);
    }

    @Override
    protected void afterBatches() throws SQLException {
        long started = System.nanoTime();
        OptionalLong itemsFrom = anyItems ? OrderFactFoldStore.fromOrderId(connection, foldId) : OptionalLong.empty();
        report.tally(OrderFactFolds.finish(connection, foldId, foldWorkers, followUp));
        if (itemsFrom.isPresent()) {
            deriveItemFacts(itemsFrom.getAsLong());
        }
        LOG.infof(
                "Import of orders: customer facts folded and recent orders entered in %.1f s",
                (System.nanoTime() - started) / 1e9);
    }

    @Override
    protected void afterFailure() {
        if (foldId < 0) {
            return;
        }
        // The batches committed before the failure are stored orders: fold them now if the database
        // still answers; if it does not, the row stays and the next import or start folds it.
        try {
            OrderFactFolds.finish(connection, foldId, OrderFactFolds.ALONE, followUp);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(
                    "Could not fold the facts of an interrupted order import now (%s); the next order import or start will",
                    e.getMessage());
        }
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
        anyItems |= !o.items().isEmpty();
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
        Optional<Instant> keptSince = earliest(signalledSince, triggeringSince);
        try (PreparedStatement st = connection.prepareStatement(
                keptSince.isPresent() ? OrderImportMerge.MERGE_KEEPING : OrderImportMerge.MERGE)) {
            int i = 0;
            if (keptSince.isPresent()) {
                Jdbc.setInstant(st, ++i, keptSince.get());
            }
            Jdbc.setInstant(st, ++i, startedAt);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long line = rs.getLong(1);
                    int outcome = rs.getInt(4);
                    if (line < 0) {
                        report.count(outcome, 0, 0);
                    } else if (outcome == OrderImportMerge.UNKNOWN_CUSTOMER) {
                        report.reject(
                                line, "customerId", "no customer '" + rs.getString(3) + "'; import customers first");
                    } else if (outcome == OrderImportMerge.WRITTEN_BY_THIS_IMPORT) {
                        report.reject(
                                line,
                                "orderId",
                                "duplicate: orderId '" + rs.getString(2)
                                        + "' was already imported from an earlier line of this file");
                    } else {
                        report.count(0, 0, 1);
                    }
                }
            }
        }
        stages.mark("merge");
        if (keptSince.isPresent() && anyStored(connection)) {
            if (signalledSince.isPresent()) {
                report.tally(followUp.ordersStored(connection, OrderImportMerge.STORED_ORDERS));
            }
            if (triggeringSince.isPresent()) {
                OrderTriggerStore.keepAside(connection, foldId, triggeringSince.get());
            }
            execute(connection, "TRUNCATE import_stored_orders");
        }
        stages.mark("flows");
        execute(connection, "TRUNCATE import_orders");
        stages.mark("truncate");
    }

    /**
     * The item facts of the customers whose new orders have items, derived from all their orders as
     * {@code OrderChanges} derives them for one. After the fold's commit: an import that dies here keeps its orders
     * and facts, and a customer's next order with items derives these again.
     */
    private void deriveItemFacts(long fromOrderId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                UPDATE customers SET favourite_category = comeback_favourite_category(id),
                                     last_product = comeback_last_product(id)
                WHERE id IN (SELECT customer_id FROM orders WHERE id > ? AND items <> '[]'::jsonb)""")) {
            st.setLong(1, fromOrderId);
            st.executeUpdate();
        }
        connection.commit();
    }

    private static boolean anyStored(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT EXISTS (SELECT FROM import_stored_orders)");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }
}
