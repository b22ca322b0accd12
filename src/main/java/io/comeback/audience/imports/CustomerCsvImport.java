package io.comeback.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.CustomerDraft;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.FieldViolation;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Customers from CSV ({@link CustomerCsvHeader} says which columns are fields and which attributes, {@link
 * CustomerCsvRow} judges and stages each row; this class merges the staged batches).
 * Columns the file does not have keep their stored values, so a file of {@code externalId,phone}
 * updates phones without erasing names. New customers enter {@code customer_created} flows only when
 * the import is asked to ({@code enroll}): a file is usually an existing audience, not people signing up now.
 */
final class CustomerCsvImport extends CsvImport {

    private final CustomerValidator validator;
    private final CustomerCsvRow rows;
    private final PhoneSuppressions suppressions;
    private final ImportFollowUp followUp;
    private final boolean enroll;
    private List<String> attributeColumns;

    /**
     * @param lanes connections merging batches side by side. Batches take turns over them; a batch that shares
     *              an externalId or a phone with an earlier batch still merging waits for its commit
     *              ({@link #claim}), so two lanes never race on either unique key and the first line still wins.
     */
    CustomerCsvImport(
            Connection connection,
            int batchSize,
            int maxListed,
            CustomerValidator validator,
            ObjectMapper json,
            PhoneSuppressions suppressions,
            int lanes,
            ConnectionSource moreConnections,
            ImportFollowUp followUp,
            boolean enroll) {
        super(connection, new ImportSettings("customers", batchSize, maxListed, lanes, moreConnections, true));
        this.validator = validator;
        this.rows = new CustomerCsvRow(validator, json);
        this.suppressions = suppressions;
        this.followUp = followUp;
        this.enroll = enroll;
    }

    @Override
    protected void acceptHeader(List<String> header) {
        attributeColumns =
                CustomerCsvHeader.attributeColumns(header, hasColumn("externalId"), validator.maxAttributes());
    }

    @Override
    protected String createStagingTables() {
        return CustomerCsvRow.STAGING_TABLE + ";\nCREATE TEMP TABLE import_created_customers (id BIGINT)";
    }

    @Override
    protected String dropStagingTables() {
        return "DROP TABLE IF EXISTS pg_temp.import_customers, pg_temp.import_created_customers";
    }

    @Override
    protected void batchCommitted() {
        if (enroll) {
            followUp.committed();
        }
    }

    @Override
    protected String copyIntoStaging() {
        return "COPY import_customers FROM STDIN";
    }

    @Override
    protected boolean stage(CsvReader.Row row, CopyRowWriter out) {
        CustomerValidator.Result result = rows.judge(column -> value(row, column), attributeColumns);
        if (result instanceof CustomerValidator.Invalid invalid) {
            for (FieldViolation v : invalid.violations()) {
                report.reject(row.line(), CustomerCsvHeader.column(v.field()), v.message());
            }
            return false;
        }
        CustomerDraft c = ((CustomerValidator.Valid) result).draft();
        claim("externalId", c.externalId());
        claim("phone", c.phone());
        rows.write(row.line(), c, out);
        return true;
    }

    @Override
    protected void mergeBatch(Connection connection, StageClock stages) throws SQLException {
        // Without statistics the planner guesses a tiny staging table and picks poor joins. A sample of 3,000
        // rows tells it enough (sizes, keys all distinct) at a tenth of the default sample's cost.
        execute(connection, "SET LOCAL default_statistics_target = 10");
        execute(connection, "ANALYZE import_customers");
        stages.mark("analyze");
        rejectWhere(connection, """
                DELETE FROM import_customers s USING (SELECT external_id, min(line) AS line FROM import_customers
                                                      GROUP BY external_id HAVING count(*) > 1) f
                WHERE s.external_id = f.external_id AND s.line <> f.line
                RETURNING s.line, 'duplicate: externalId ''' || s.external_id || ''' already appears on line ' || f.line""", "externalId");
        rejectWhere(connection, """
                DELETE FROM import_customers s USING (SELECT phone, min(line) AS line FROM import_customers
                                                      WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > 1) f
                WHERE s.phone = f.phone AND s.line <> f.line
                RETURNING s.line, 'phone ' || s.phone || ' is also given on line ' || f.line || ' for another customer'""", "phone");
        // One index probe per staged row (a sub-plan: as EXISTS the planner hashed all customers instead); the
        // owner is looked up again only for the few rows rejected.
        rejectWhere(connection, """
                DELETE FROM import_customers s
                WHERE s.phone IS NOT NULL
                  AND (SELECT true FROM customers c WHERE c.phone = s.phone AND c.erased_at IS NULL
                       AND c.external_id <> s.external_id LIMIT 1)
                RETURNING s.line, 'phone ' || s.phone || ' already belongs to customer '''
                    || (SELECT c.external_id FROM customers c WHERE c.phone = s.phone AND c.erased_at IS NULL
                        AND c.external_id <> s.external_id LIMIT 1) || ''''""", "phone");
        stages.mark("dedupe");
        try (PreparedStatement st =
                connection.prepareStatement(CustomerUpsertSql.forColumns(this::hasColumn, enroll))) {
            Jdbc.setInstant(st, 1, startedAt);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) < 0) {
                        report.count(rs.getLong(3), rs.getLong(4), 0);
                    } else {
                        report.reject(
                                rs.getLong(1),
                                "externalId",
                                "duplicate: externalId '" + rs.getString(2)
                                        + "' was already written by an earlier line of this file");
                    }
                }
            }
        }
        stages.mark("upsert");
        applyPhoneSuppressions(connection);
        stages.mark("suppressions");
        if (enroll) {
            // After the suppressions: a number that texted STOP before makes its new customer opted out.
            report.tally(followUp.customersCreated(connection, createdCustomers(connection)));
            stages.mark("enroll");
        }
        execute(connection, "TRUNCATE import_customers, import_created_customers");
        stages.mark("truncate");
    }

    /** The customers the batch created ({@code import_created_customers}), by id. */
    private static List<Long> createdCustomers(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT id FROM import_created_customers ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** A customer imported with a number that texted STOP before it was theirs starts opted out ({@link PhoneSuppressions}). */
    private void applyPhoneSuppressions(Connection connection) throws SQLException {
        if (hasColumn("phone")) {
            suppressions.applyToPhonesOf(connection, "SELECT phone FROM import_customers WHERE phone IS NOT NULL");
        } else if (hasColumn("consentStatus")) {
            // A stated consent may be older than the STOP already applied to the customer's number.
            suppressions.applyToPhonesOf(connection, """
                    SELECT c.phone FROM import_customers s JOIN customers c ON c.external_id = s.external_id
                    WHERE s.consent_at IS NOT NULL AND c.phone IS NOT NULL""");
        }
    }
}
