package io.comeback.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.LimitsConfig;
import io.comeback.audience.OrderValidator;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.audience.money.ExchangeRates;
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
    private final ExchangeRates rates;

    public CsvImporter(
            AgroalDataSource dataSource,
            CustomerValidator customers,
            OrderValidator orders,
            ObjectMapper json,
            PhoneSuppressions suppressions,
            ImportConfig config,
            LimitsConfig limits,
            ImportFollowUp followUp,
            ExchangeRates rates) {
        this.rates = rates;
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

    /**
     * @param charset the charset the request states, or null to find it from the bytes ({@link CsvFormatDetector})
     * @param enroll whether the customers it creates enter the {@code customer_created} flows
     */
    public ImportReport importCustomers(InputStream csv, Charset charset, boolean enroll) {
        CsvFormatDetector.Detected file = detect(csv, charset);
        return importCustomers(reader(file), file.format(), enroll);
    }

    /**
     * A customers file read as characters: a translation of another format (a shop's export) streams through here,
     * written as the plain format ({@link CsvFormat#DEFAULT}).
     */
    public ImportReport importCustomers(Reader csv, boolean enroll) {
        return importCustomers(csv, CsvFormat.DEFAULT, enroll);
    }

    private ImportReport importCustomers(Reader csv, CsvFormat format, boolean enroll) {
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
                            followUp.forImport("customer import"),
                            enroll)
                    .run(csv, format, limits);
        } catch (SQLException e) {
            throw new IllegalStateException("Customer import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param charset the charset the request states, or null to find it from the bytes */
    public ImportReport importOrders(InputStream csv, Charset charset) {
        CsvFormatDetector.Detected file = detect(csv, charset);
        return importOrders(reader(file), file.format());
    }

    /**
     * An orders file read as characters: a translation of another format (a shop's export) streams through here,
     * written as the plain format ({@link CsvFormat#DEFAULT}).
     */
    public ImportReport importOrders(Reader csv) {
        return importOrders(csv, CsvFormat.DEFAULT);
    }

    private ImportReport importOrders(Reader csv, CsvFormat format) {
        try (Connection connection = dataSource.getConnection()) {
            return new OrderCsvImport(
                            connection,
                            batchSize,
                            maxListedRejections,
                            orders,
                            rates,
                            json,
                            new OrderFactFolds.FoldWorkers(dataSource::getConnection, foldConnections, foldChunk),
                            orderLanes,
                            followUp)
                    .run(csv, format, limits);
        } catch (SQLException e) {
            throw new IllegalStateException("Order import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvFormatDetector.Detected detect(InputStream csv, Charset charset) {
        try {
            return CsvFormatDetector.detect(csv, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStreamReader reader(CsvFormatDetector.Detected file) {
        return new InputStreamReader(file.input(), file.format().charset());
    }
}
