package io.comeback.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.OrderValidator;
import io.comeback.audience.PhoneSuppressions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
    private final int batchSize;
    private final int maxListedRejections;
    private final int foldConnections;
    private final int foldChunk;
    private final int orderLanes;
    private final int customerLanes;
    private final CsvReader.Limits limits;

    public CsvImporter(AgroalDataSource dataSource, CustomerValidator customers, OrderValidator orders, ObjectMapper json,
                       PhoneSuppressions suppressions,
                       @ConfigProperty(name = "comeback.import.batch-size", defaultValue = "20000") int batchSize,
                       @ConfigProperty(name = "comeback.import.max-reported-rejections", defaultValue = "1000") int maxListedRejections,
                       @ConfigProperty(name = "comeback.import.fold-connections", defaultValue = "2") int foldConnections,
                       @ConfigProperty(name = "comeback.import.fold-chunk", defaultValue = "50000") int foldChunk,
                       @ConfigProperty(name = "comeback.import.order-lanes", defaultValue = "2") int orderLanes,
                       @ConfigProperty(name = "comeback.import.customer-lanes", defaultValue = "2") int customerLanes,
                       @ConfigProperty(name = "comeback.limits.csv.max-field-length", defaultValue = "10000") int maxFieldLength,
                       @ConfigProperty(name = "comeback.limits.csv.max-columns", defaultValue = "200") int maxColumns,
                       @ConfigProperty(name = "comeback.limits.csv.max-record-length", defaultValue = "100000") int maxRecordLength) {
        this.dataSource = dataSource;
        this.customers = customers;
        this.orders = orders;
        this.json = json;
        this.suppressions = suppressions;
        this.batchSize = batchSize;
        this.maxListedRejections = maxListedRejections;
        this.foldConnections = foldConnections;
        this.foldChunk = foldChunk;
        this.orderLanes = orderLanes;
        this.customerLanes = customerLanes;
        this.limits = new CsvReader.Limits(maxFieldLength, maxColumns, maxRecordLength);
    }

    public ImportReport importCustomers(InputStream csv, Charset charset) {
        try (Connection connection = dataSource.getConnection()) {
            return new CustomerCsvImport(connection, batchSize, maxListedRejections, customers, json,
                    suppressions, customerLanes, dataSource::getConnection).run(new InputStreamReader(csv, charset), limits);
        } catch (SQLException e) {
            throw new IllegalStateException("Customer import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImportReport importOrders(InputStream csv, Charset charset) {
        try (Connection connection = dataSource.getConnection()) {
            return new OrderCsvImport(connection, batchSize, maxListedRejections, orders,
                    new OrderFactFolds.FoldWorkers(dataSource::getConnection, foldConnections, foldChunk), orderLanes).run(new InputStreamReader(csv, charset), limits);
        } catch (SQLException e) {
            throw new IllegalStateException("Order import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
