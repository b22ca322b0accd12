package io.comeback.shops.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.LimitsConfig;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.audience.imports.CsvImporter;
import io.comeback.audience.imports.CsvReader;
import io.comeback.audience.imports.ImportConfig;
import io.comeback.audience.imports.ImportReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Clock;

/**
 * The backfill: Shopify admin's customers and orders exports, as they come out of the admin, streamed into the
 * customers and orders imports ({@link CsvImporter}) through their translations. The answer is the import's report,
 * on the export's own lines and in its column names.
 */
@ApplicationScoped
public class ShopifyExports {

    private final CsvImporter importer;
    private final AgroalDataSource dataSource;
    private final PhoneNumbers phones;
    private final CustomerValidator customers;
    private final PhoneSuppressions suppressions;
    private final Clock clock;
    private final ObjectMapper json;
    private final CsvReader.Limits limits;
    private final int maxListed;

    public ShopifyExports(
            CsvImporter importer,
            AgroalDataSource dataSource,
            PhoneNumbers phones,
            CustomerValidator customers,
            PhoneSuppressions suppressions,
            Clock clock,
            ObjectMapper json,
            LimitsConfig limits,
            ImportConfig config) {
        this.importer = importer;
        this.dataSource = dataSource;
        this.phones = phones;
        this.customers = customers;
        this.suppressions = suppressions;
        this.clock = clock;
        this.json = json;
        this.limits = CsvImporter.limitsOf(limits);
        this.maxListed = config.maxReportedRejections();
    }

    /**
     * Throws {@link io.comeback.shops.ShopExportRefused} for a file that is not a customers export.
     *
     * @param enroll whether the customers it creates enter the {@code customer_created} flows (a welcome)
     */
    public ImportReport importCustomers(InputStream body, Charset charset, boolean enroll) {
        ShopifyCustomerExport export = new ShopifyCustomerExport(
                new InputStreamReader(body, exportCharset(charset)),
                limits,
                maxListed,
                dataSource,
                phones,
                clock.instant());
        start(export);
        ImportReport report = importer.importCustomers(export, enroll);
        return export.rejections().joinedTo(report, ShopifyCustomerExport::columnOf);
    }

    /** Throws {@link io.comeback.shops.ShopExportRefused} for a file that is not an orders export. */
    public ImportReport importOrders(InputStream body, Charset charset) {
        ShopifyOrderExport export = new ShopifyOrderExport(
                new InputStreamReader(body, exportCharset(charset)),
                limits,
                maxListed,
                dataSource,
                phones,
                customers,
                suppressions,
                json);
        start(export);
        ImportReport report = importer.importOrders(export);
        return export.rejections().joinedTo(report, ShopifyOrderExport::columnOf);
    }

    private static void start(io.comeback.shops.ExportTranslation export) {
        try {
            export.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shopify writes its exports in UTF-8; a charset the request states wins. */
    private static Charset exportCharset(Charset stated) {
        return stated == null ? java.nio.charset.StandardCharsets.UTF_8 : stated;
    }
}
