package io.comeback.shops.shopify;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.imports.CsvReader;
import io.comeback.shops.ExportColumns;
import io.comeback.shops.ExportTranslation;
import io.comeback.shops.ShopCustomerMatches;
import io.comeback.shops.ShopPlatform;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Shopify admin's customers export (Customers → Export, "CSV for Excel, Numbers, or other spreadsheet programs") read
 * as Comeback's customers import. Each customer is found as the webhooks find them (the shop's id, then phone, then
 * e-mail, see {@link ShopCustomerMatches}), a batch of rows at a time, and else created as {@code shopify-<Customer ID>}.
 * What the export leaves empty keeps its stored value; a number another customer holds is not taken from them.
 * {@code Accepts SMS Marketing = yes} is an opt-in (source {@code shopify_export}) only for someone Comeback knows no
 * consent of: the export carries no time, so it can neither undo a STOP nor replace an opt-in recorded elsewhere.
 * {@code no} changes nothing.
 */
public final class ShopifyCustomerExport extends ExportTranslation {

    static final List<String> REQUIRED =
            List.of("Customer ID", "First Name", "Last Name", "Email", "Phone", "Accepts SMS Marketing");
    static final String CONSENT_SOURCE = "shopify_export";
    private static final List<String> IMPORT_HEADER = List.of(
            "externalId", "phone", "firstName", "lastName", "email", "consentStatus", "consentSource", "consentAt");
    private static final int CHUNK = 500;

    private record Row(
            long line,
            String shopId,
            String phone,
            String rawPhone,
            String firstName,
            String lastName,
            String email,
            boolean smsYes) {}

    private final AgroalDataSource dataSource;
    private final PhoneNumbers phones;
    private final String consentAt;
    private ExportColumns columns;

    ShopifyCustomerExport(
            Reader export,
            CsvReader.Limits limits,
            int maxListed,
            AgroalDataSource dataSource,
            PhoneNumbers phones,
            Instant now) {
        super(export, limits, maxListed);
        this.dataSource = dataSource;
        this.phones = phones;
        this.consentAt = now.toString();
    }

    /** The export's column for a field the customers import names. */
    static String columnOf(String field) {
        return switch (field) {
            case "externalId" -> "Customer ID";
            case "phone" -> "Phone";
            case "firstName" -> "First Name";
            case "lastName" -> "Last Name";
            case "email" -> "Email";
            default -> field.startsWith("consent") ? "Accepts SMS Marketing" : field;
        };
    }

    @Override
    protected List<String> acceptHeader(CsvReader.Row header) {
        columns = ExportColumns.of(header, "a Shopify customers export", REQUIRED);
        return IMPORT_HEADER;
    }

    @Override
    protected boolean translateMore() throws IOException {
        List<Row> rows = new ArrayList<>(CHUNK);
        boolean more = true;
        while (rows.size() < CHUNK) {
            CsvReader.Row row = nextRow();
            if (row == null) {
                more = false;
                break;
            }
            read(row).ifPresent(rows::add);
        }
        if (!rows.isEmpty()) {
            translate(rows);
        }
        return more;
    }

    private Optional<Row> read(CsvReader.Row row) {
        String misfit = columns.misfit(row);
        if (misfit != null) {
            rejections.reject(row.line(), null, misfit);
            return Optional.empty();
        }
        String shopId = columns.value(row, "Customer ID");
        if (shopId == null) {
            rejections.reject(row.line(), "Customer ID", "required: Shopify's id of the customer");
            return Optional.empty();
        }
        String sms = columns.value(row, "Accepts SMS Marketing");
        if (sms != null && !Arrays.asList("yes", "no", "true", "false").contains(sms.toLowerCase(Locale.ROOT))) {
            rejections.reject(row.line(), "Accepts SMS Marketing", "'" + sms + "' is neither yes nor no");
            return Optional.empty();
        }
        String rawPhone = columns.value(row, "Phone");
        if (rawPhone == null) {
            rawPhone = columns.value(row, "Default Address Phone");
        }
        return Optional.of(new Row(
                row.line(),
                shopId,
                ShopifyExportValues.phone(phones, rawPhone),
                rawPhone,
                columns.value(row, "First Name"),
                columns.value(row, "Last Name"),
                columns.value(row, "Email"),
                sms != null && (sms.equalsIgnoreCase("yes") || sms.equalsIgnoreCase("true"))));
    }

    private void translate(List<Row> rows) throws IOException {
        List<Optional<ShopCustomerMatches.Found>> found = new ArrayList<>();
        inBatch(dataSource, c -> {
            found.addAll(ShopCustomerMatches.find(
                    c,
                    ShopPlatform.SHOPIFY,
                    rows.stream()
                            .map(r -> new ShopCustomerMatches.Probe(
                                    r.shopId(), r.phone(), r.email(), ShopPlatform.SHOPIFY.externalId(r.shopId())))
                            .toList()));
            List<String> shopIds = new ArrayList<>();
            List<Long> customerIds = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (found.get(i).isPresent()) {
                    shopIds.add(rows.get(i).shopId());
                    customerIds.add(found.get(i).get().id());
                }
            }
            ShopCustomerMatches.remember(c, ShopPlatform.SHOPIFY, shopIds, customerIds);
        });
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            emit(r.line(), found.get(i).map(f -> known(r, f)).orElseGet(() -> created(r)));
        }
    }

    private List<String> created(Row r) {
        return record(
                ShopPlatform.SHOPIFY.externalId(r.shopId()),
                r.phone() != null ? r.phone() : r.rawPhone(),
                r.firstName(),
                r.lastName(),
                r.email(),
                r.smsYes());
    }

    private List<String> known(Row r, ShopCustomerMatches.Found f) {
        String phone;
        if (r.phone() == null) {
            phone = r.rawPhone() != null ? r.rawPhone() : f.phone();
        } else {
            boolean someoneElses = f.phoneOwner() != null && f.phoneOwner() != f.id();
            phone = someoneElses ? f.phone() : r.phone();
        }
        return record(
                f.externalId(),
                phone,
                r.firstName() != null ? r.firstName() : f.firstName(),
                r.lastName() != null ? r.lastName() : f.lastName(),
                r.email() != null ? r.email() : f.email(),
                r.smsYes() && "unknown".equals(f.consentStatus()));
    }

    private List<String> record(
            String externalId, String phone, String firstName, String lastName, String email, boolean optIn) {
        return Arrays.asList(
                externalId,
                phone,
                firstName,
                lastName,
                email,
                optIn ? "opted_in" : null,
                optIn ? CONSENT_SOURCE : null,
                optIn ? consentAt : null);
    }
}
