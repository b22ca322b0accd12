package io.comeback.shops.shopify;

import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.imports.CsvReader;
import io.comeback.shops.ExportColumns;
import io.comeback.shops.ExportRejections;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The orders of a Shopify orders export, one at a time: an order is a run of consecutive rows of one {@code Name},
 * a row per line item; its first row carries the order (e-mail, amounts, times, status). Holds one order, so a file
 * of a million rows streams.
 */
final class ShopifyOrderRows {

    /** An order grows a line per item; past this many its rows are refused rather than held. */
    static final int MAX_ITEMS = 1000;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** One order as its first row states it, with every row's line item. */
    record Order(
            long line,
            String id,
            String email,
            String phone,
            String firstName,
            String lastName,
            String financialStatus,
            String currency,
            String total,
            String createdAt,
            String cancelledAt,
            String refunded,
            String discountCode,
            List<Map<String, Object>> items) {}

    /** Where the rows come from: the translation's reader. */
    interface Source {
        CsvReader.Row next() throws IOException;
    }

    private final Source source;
    private final ExportColumns columns;
    private final ExportRejections rejections;
    private final PhoneNumbers phones;
    private CsvReader.Row lookahead;

    ShopifyOrderRows(Source source, ExportColumns columns, ExportRejections rejections, PhoneNumbers phones) {
        this.source = source;
        this.columns = columns;
        this.rejections = rejections;
        this.phones = phones;
    }

    /** The next order that can be read, or null at the end; orders that cannot are rejected on their line. */
    Order next() throws IOException {
        while (true) {
            CsvReader.Row first = fitting(this::take);
            if (first == null) {
                return null;
            }
            String name = columns.value(first, "Name");
            Order order = start(first, name);
            boolean refused = order == null;
            for (CsvReader.Row row = fitting(source::next); row != null; row = fitting(source::next)) {
                if (name == null || !name.equals(columns.value(row, "Name"))) {
                    lookahead = row;
                    break;
                }
                if (!refused && !addItem(order, row)) {
                    refused = true;
                }
            }
            if (!refused) {
                return order;
            }
        }
    }

    private CsvReader.Row take() throws IOException {
        CsvReader.Row row = lookahead;
        lookahead = null;
        return row != null ? row : source.next();
    }

    /** The next row that fits the header; those that do not are rejected. */
    private CsvReader.Row fitting(RowSupplier rows) throws IOException {
        for (CsvReader.Row row = rows.get(); row != null; row = source.next()) {
            String misfit = columns.misfit(row);
            if (misfit == null) {
                return row;
            }
            rejections.reject(row.line(), null, misfit);
        }
        return null;
    }

    @FunctionalInterface
    private interface RowSupplier {
        CsvReader.Row get() throws IOException;
    }

    private Order start(CsvReader.Row row, String name) {
        if (name == null) {
            rejections.reject(row.line(), "Name", "required: the order's name, e.g. #1001");
            return null;
        }
        String id = columns.value(row, "Id");
        if (id == null) {
            rejections.reject(row.line(), "Id", "required: Shopify's id of the order on its first row");
            return null;
        }
        String rawPhone = first(
                () -> columns.value(row, "Phone"),
                () -> columns.value(row, "Billing Phone"),
                () -> columns.value(row, "Shipping Phone"));
        String email = columns.value(row, "Email");
        String billingName = columns.value(row, "Billing Name");
        String firstName = null, lastName = null;
        if (billingName != null) {
            int space = billingName.indexOf(' ');
            firstName = space < 0 ? billingName : billingName.substring(0, space);
            lastName = space < 0 ? null : billingName.substring(space + 1).trim();
        }
        Order order = new Order(
                row.line(),
                id,
                email != null && EMAIL.matcher(email).matches() ? email : null,
                ShopifyExportValues.phone(phones, rawPhone),
                firstName,
                lastName,
                columns.value(row, "Financial Status"),
                columns.value(row, "Currency"),
                columns.value(row, "Total"),
                columns.value(row, "Created at"),
                columns.value(row, "Cancelled at"),
                columns.value(row, "Refunded Amount"),
                firstCode(columns.value(row, "Discount Code")),
                new ArrayList<>());
        return addItem(order, row) ? order : null;
    }

    /** Adds the row's line item; false (the order rejected on this line) when it cannot be read. */
    private boolean addItem(Order order, CsvReader.Row row) {
        if (order.items().size() == MAX_ITEMS) {
            rejections.reject(
                    row.line(),
                    "Name",
                    "order " + columns.value(row, "Name") + " has more than " + MAX_ITEMS
                            + " line items; Comeback takes an order of at most " + MAX_ITEMS);
            return false;
        }
        String name = columns.value(row, "Lineitem name");
        String sku = columns.value(row, "Lineitem sku");
        if (name == null && sku == null) {
            return true;
        }
        String quantity = columns.value(row, "Lineitem quantity");
        int q;
        try {
            q = quantity == null ? 1 : Integer.parseInt(quantity);
        } catch (NumberFormatException e) {
            q = 0;
        }
        if (q < 1) {
            rejections.reject(
                    row.line(), "Lineitem quantity", "'" + quantity + "' is not a whole number of at least 1");
            return false;
        }
        String price = columns.value(row, "Lineitem price");
        if (price != null) {
            try {
                new BigDecimal(price);
            } catch (NumberFormatException e) {
                rejections.reject(row.line(), "Lineitem price", "'" + price + "' is not an amount such as 199.00");
                return false;
            }
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", sku);
        item.put("name", name);
        item.put("quantity", q);
        item.put("price", price);
        order.items().add(item);
        return true;
    }

    /** Shopify lists an order's codes separated by commas; the first is the one Comeback records. */
    private static String firstCode(String codes) {
        if (codes == null) {
            return null;
        }
        String code = codes.split(",")[0].trim();
        return code.isEmpty() ? null : code;
    }

    @SafeVarargs
    private static String first(Supplier<String>... values) {
        for (Supplier<String> v : values) {
            String s = v.get();
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
