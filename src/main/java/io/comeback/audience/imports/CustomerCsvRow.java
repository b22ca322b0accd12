package io.comeback.audience.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.CustomerDraft;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One row of a customers file judged like the API judges a customer, and its row in the staging table
 * {@code import_customers}. Kept apart from {@link CustomerCsvImport}, which merges batches: this changes when a
 * customer's fields do, and keeps the staging table's columns next to the code that writes them.
 */
final class CustomerCsvRow {

    /** The staging table a batch is copied into, its columns in the order {@link #write} writes them. */
    static final String STAGING_TABLE = """
            CREATE TEMP TABLE import_customers (
                line BIGINT, external_id TEXT, phone TEXT, first_name TEXT, last_name TEXT, email TEXT,
                locale TEXT, time_zone TEXT, birthday DATE, attributes JSONB,
                consent_status TEXT, consent_source TEXT, consent_text TEXT, consent_at TIMESTAMPTZ)""";

    private static final JsonStringEncoder JSON_TEXT = JsonStringEncoder.getInstance();

    private final CustomerValidator validator;
    private final ObjectMapper json;

    CustomerCsvRow(CustomerValidator validator, ObjectMapper json) {
        this.validator = validator;
        this.json = json;
    }

    /**
     * @param value a column's value on this row (null when empty or absent)
     * @param attributeColumns the file's attribute columns ({@link CustomerCsvHeader})
     */
    CustomerValidator.Result judge(UnaryOperator<String> value, List<String> attributeColumns) {
        String consentStatus = value.apply("consentStatus");
        CustomerInput.ConsentInput consent = consentStatus == null
                ? null
                : new CustomerInput.ConsentInput(
                        consentStatus,
                        value.apply("consentSource"),
                        value.apply("consentText"),
                        value.apply("consentAt"));
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String column : attributeColumns) {
            String v = value.apply(column);
            if (v != null) {
                attributes.put(column, v);
            }
        }
        CustomerInput input = new CustomerInput(
                value.apply("phone"),
                value.apply("firstName"),
                value.apply("lastName"),
                value.apply("email"),
                value.apply("locale"),
                value.apply("timeZone"),
                value.apply("birthday"),
                attributes,
                consent,
                null,
                value.apply("country"));
        return validator.validate(value.apply("externalId"), input);
    }

    /** Writes the valid customer of file line {@code line} as a row of {@link #STAGING_TABLE}. */
    void write(long line, CustomerDraft c, CopyRowWriter out) {
        try {
            out.field(line)
                    .field(c.externalId())
                    .field(c.phone())
                    .field(c.firstName())
                    .field(c.lastName())
                    .field(c.email())
                    .field(c.locale())
                    .field(c.timeZone().getId())
                    .field(c.birthday())
                    .field(attributesJson(c.attributes()))
                    .field(c.consent() == null ? null : c.consent().status().yamlName())
                    .field(c.consent() == null ? null : c.consent().source())
                    .field(c.consent() == null ? null : c.consent().text())
                    .field(c.consent() == null ? null : c.consent().at())
                    .endRow();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The attributes as a JSON object. Columns give text values only: those are written directly (Jackson's
     * writer cost more per row than the rest of the row's encoding); anything else goes through Jackson.
     */
    private String attributesJson(Map<String, Object> attributes) throws JsonProcessingException {
        StringBuilder out = new StringBuilder(16 + 24 * attributes.size()).append('{');
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (!(e.getValue() instanceof String value)) {
                return json.writeValueAsString(attributes);
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"')
                    .append(JSON_TEXT.quoteAsString(e.getKey()))
                    .append("\":\"")
                    .append(JSON_TEXT.quoteAsString(value))
                    .append('"');
        }
        return out.append('}').toString();
    }
}
