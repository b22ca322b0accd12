package io.comeback.shops.shopify;

import io.comeback.audience.PhoneNumbers;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Values as Shopify's exports write them. */
final class ShopifyExportValues {

    /** {@code 2024-05-17 10:00:00 +0200}: the exports' times, in the shop's zone with its offset. */
    private static final DateTimeFormatter EXPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    private ShopifyExportValues() {}

    /** The number in E.164, or null when there is none or it is not a number. */
    static String phone(PhoneNumbers phones, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return phones.normalize(raw).e164();
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            return null;
        }
    }

    /** An export time as an ISO instant; the value as written when it is no time (the import names it then). */
    static String instant(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw, EXPORT_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            return raw;
        }
    }
}
