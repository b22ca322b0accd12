package io.comeback.audience.imports;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The columns of a customer file: the customer's fields by their JSON names, every other column an attribute. */
final class CustomerCsvHeader {

    static final Set<String> KNOWN = Set.of(
            "externalId",
            "phone",
            "firstName",
            "lastName",
            "email",
            "locale",
            "timeZone",
            "birthday",
            "consentStatus",
            "consentSource",
            "consentText",
            "consentAt");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");

    private CustomerCsvHeader() {}

    /** The attribute columns of this header, or the reason the file is refused at line 1. */
    static List<String> attributeColumns(List<String> header, boolean hasExternalId, int maxAttributes) {
        if (!hasExternalId) {
            throw new ImportRejectedException(1, "the header has no externalId column; customers are matched by it");
        }
        List<String> attributes = header.stream()
                .map(String::trim)
                .filter(c -> !KNOWN.contains(c))
                .toList();
        if (attributes.size() > maxAttributes) {
            throw new ImportRejectedException(
                    1,
                    "at most " + maxAttributes + " attribute columns"
                            + " (comeback.limits.attributes.max-count); this file has " + attributes.size());
        }
        for (String column : attributes) {
            if (!ATTRIBUTE_NAME.matcher(column).matches()) {
                throw new ImportRejectedException(
                        1,
                        "column '" + column + "' is neither a customer field ("
                                + String.join(", ", KNOWN.stream().sorted().toList())
                                + ") nor an attribute name (a letter, then letters, digits or _)");
            }
        }
        return attributes;
    }

    /** Validation speaks of JSON fields; a CSV user knows the column. */
    static String column(String field) {
        return switch (field) {
            case "consent.status" -> "consentStatus";
            case "consent.at" -> "consentAt";
            default -> field.startsWith("attributes.") ? field.substring("attributes.".length()) : field;
        };
    }
}
