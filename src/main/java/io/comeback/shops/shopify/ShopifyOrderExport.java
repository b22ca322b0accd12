package io.comeback.shops.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.audience.imports.CsvReader;
import io.comeback.shops.ExportColumns;
import io.comeback.shops.ExportTranslation;
import io.comeback.shops.ShopCustomerMatches;
import io.comeback.shops.ShopPlatform;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Shopify admin's orders export (Orders → Export) read as Comeback's orders import: an order per run of rows of one
 * {@code Name} ({@link ShopifyOrderRows}), as {@code shopify-<Id>} with its line items, discount code, refunds and
 * status as the webhooks read them: cancelled ({@code Cancelled at}, or the payment voided) is no purchase; paid,
 * refunded and partially refunded are paid, less the {@code Refunded Amount}; anything else is placed. The export
 * names no customer: the buyer is found by phone, then e-mail, as the webhooks find a guest, a batch of orders at a
 * time, and else created as the guest {@code shopify-guest-<Id>} ({@link ShopifyGuests}).
 */
public final class ShopifyOrderExport extends ExportTranslation {

    static final List<String> REQUIRED = List.of(
            "Name",
            "Email",
            "Financial Status",
            "Currency",
            "Total",
            "Created at",
            "Lineitem quantity",
            "Lineitem name",
            "Lineitem price",
            "Id");
    private static final List<String> IMPORT_HEADER = List.of(
            "orderId", "customerId", "total", "currency", "placedAt", "couponCode", "status", "refunded", "items");
    private static final int CHUNK = 500;

    private final AgroalDataSource dataSource;
    private final PhoneNumbers phones;
    private final ObjectMapper json;
    private final ShopifyGuests guests;
    private ShopifyOrderRows orders;

    ShopifyOrderExport(
            Reader export,
            CsvReader.Limits limits,
            int maxListed,
            AgroalDataSource dataSource,
            PhoneNumbers phones,
            CustomerValidator validator,
            PhoneSuppressions suppressions,
            ObjectMapper json) {
        super(export, limits, maxListed);
        this.dataSource = dataSource;
        this.phones = phones;
        this.json = json;
        this.guests = new ShopifyGuests(validator, suppressions);
    }

    /** The export's column for a field the orders import (or a new customer) names. */
    static String columnOf(String field) {
        if (field.startsWith("items[")) {
            String part = field.substring(field.indexOf("].") + 2);
            return "Lineitem " + part;
        }
        return switch (field) {
            case "orderId" -> "Id";
            case "customerId", "email" -> "Email";
            case "phone" -> "Phone";
            case "firstName", "lastName" -> "Billing Name";
            case "total" -> "Total";
            case "currency" -> "Currency";
            case "placedAt" -> "Created at";
            case "couponCode" -> "Discount Code";
            case "status" -> "Financial Status";
            case "refunded" -> "Refunded Amount";
            default -> field;
        };
    }

    @Override
    protected List<String> acceptHeader(CsvReader.Row header) {
        ExportColumns columns = ExportColumns.of(header, "a Shopify orders export", REQUIRED);
        orders = new ShopifyOrderRows(this::nextRow, columns, rejections, phones);
        return IMPORT_HEADER;
    }

    @Override
    protected boolean translateMore() throws IOException {
        List<ShopifyOrderRows.Order> chunk = new ArrayList<>(CHUNK);
        boolean more = true;
        while (chunk.size() < CHUNK) {
            ShopifyOrderRows.Order order = orders.next();
            if (order == null) {
                more = false;
                break;
            }
            chunk.add(order);
        }
        if (!chunk.isEmpty()) {
            translate(chunk);
        }
        return more;
    }

    private void translate(List<ShopifyOrderRows.Order> chunk) throws IOException {
        List<String> buyers = new ArrayList<>(chunk.size());
        List<ShopifyGuests.Refused> refusals = new ArrayList<>(chunk.size());
        inBatch(dataSource, c -> {
            List<Optional<ShopCustomerMatches.Found>> found = ShopCustomerMatches.find(
                    c,
                    ShopPlatform.SHOPIFY,
                    chunk.stream()
                            .map(o -> new ShopCustomerMatches.Probe(
                                    null, o.phone(), o.email(), ShopPlatform.SHOPIFY.externalId("guest-" + o.id())))
                            .toList());
            for (int i = 0; i < chunk.size(); i++) {
                ShopifyOrderRows.Order o = chunk.get(i);
                ShopifyGuests.Result guest = found.isEmpty() || found.get(i).isEmpty() ? guests.guestFor(o) : null;
                buyers.add(
                        guest == null
                                ? found.get(i).get().externalId()
                                : guest instanceof ShopifyGuests.Guest g ? g.externalId() : null);
                refusals.add(guest instanceof ShopifyGuests.Refused r ? r : null);
            }
            guests.create(c);
        });
        for (int i = 0; i < chunk.size(); i++) {
            ShopifyOrderRows.Order o = chunk.get(i);
            if (buyers.get(i) == null) {
                ShopifyGuests.Refused refused = refusals.get(i);
                rejections.reject(o.line(), refused.why().field(), refused.why().message());
            } else {
                emit(o.line(), record(o, buyers.get(i)));
            }
        }
    }

    private List<String> record(ShopifyOrderRows.Order o, String customerId) {
        try {
            return Arrays.asList(
                    ShopPlatform.SHOPIFY.externalId(o.id()),
                    customerId,
                    o.total(),
                    o.currency(),
                    ShopifyExportValues.instant(o.createdAt()),
                    o.discountCode(),
                    status(o),
                    o.refunded(),
                    json.writeValueAsString(o.items()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the webhooks read an order ({@code ShopifyTopics.payment}); refunds come from {@code Refunded Amount}. */
    private static String status(ShopifyOrderRows.Order o) {
        if (o.cancelledAt() != null) {
            return "cancelled";
        }
        String financial =
                o.financialStatus() == null ? "" : o.financialStatus().trim();
        return switch (financial) {
            case "paid", "partially_refunded", "refunded" -> "paid";
            case "voided" -> "cancelled";
            default -> "placed";
        };
    }
}
