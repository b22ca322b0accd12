package io.comeback.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.LimitsConfig;
import io.comeback.audience.OrderValidator;
import io.comeback.audience.PhoneSuppressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;

/** Entry point for bulk imports of customers and orders from CSV streams. */
@ApplicationScoped
public class CsvImporter {

    private final AgroalDataSource dataSource;
    private final CustomerValidator customers;
    private final OrderValidator orders;
    private final ObjectMapper json;
    private final PhoneSuppressions suppressions;
    private final ImportFollowUp followUp;
    private final int batchSize;
    private final int maxListedRejections;
    private final int foldConnections;
    private final int foldChunk;
    private final int orderLanes;
    private final int customerLanes;
    private final CsvReader.Limits limits;

    public CsvImporter(
            AgroalDataSource dataSource,
            CustomerValidator customers,
            OrderValidator orders,
            ObjectMapper json,
            PhoneSuppressions suppressions,
            ImportConfig config,
            LimitsConfig limits,
            ImportFollowUp followUp) {
        this.dataSource = dataSource;
        this.customers = customers;
        this.orders = orders;
        this.json = json;
        this.suppressions = suppressions;
        this.followUp = followUp;
        this.batchSize = config.batchSize();
        this.maxListedRejections = config.maxReportedRejections();
        this.foldConnections = config.foldConnections();
        this.foldChunk = config.foldChunk();
        this.orderLanes = config.orderLanes();
        this.customerLanes = config.customerLanes();
        this.limits = limitsOf(limits);
    }

    /** The bounds of one CSV record, for readers of other CSV formats that stream into an import. */
    public static CsvReader.Limits limitsOf(LimitsConfig limits) {
        LimitsConfig.Csv csv = limits.csv();
        return new CsvReader.Limits(csv.maxFieldLength(), csv.maxColumns(), csv.maxRecordLength());
    }

    /** @param enroll whether the customers it creates enter the {@code customer_created} flows */
    public ImportReport importCustomers(InputStream csv, Charset charset, boolean enroll) {
        return importCustomers(new InputStreamReader(csv, charset), enroll);
    }

    /** A customers file read as characters: a translation of another format (a shop's export) streams through here. */
    public ImportReport importCustomers(Reader csv, boolean enroll) {
        try (Connection connection = dataSource.getConnection()) {
            return new CustomerCsvImport(
                            connection,
                            batchSize,
                            maxListedRejections,
                            customers,
                            json,
                            suppressions,
                            customerLanes,
                            dataSource::getConnection,
                            followUp,
                            enroll)
                    .run(csv, limits);
        } catch (SQLException e) {
            throw new IllegalStateException("Customer import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImportReport importOrders(InputStream csv, Charset charset) {
        return importOrders(new InputStreamReader(csv, charset));
    }

    /** An orders file read as characters: a translation of another format (a shop's export) streams through here. */
    public ImportReport importOrders(Reader csv) {
        try (Connection connection = dataSource.getConnection()) {
            return new OrderCsvImport(
                            connection,
                            batchSize,
                            maxListedRejections,
                            orders,
                            json,
                            new OrderFactFolds.FoldWorkers(dataSource::getConnection, foldConnections, foldChunk),
                            orderLanes,
                            followUp)
                    .run(csv, limits);
        } catch (SQLException e) {
            throw new IllegalStateException("Order import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
