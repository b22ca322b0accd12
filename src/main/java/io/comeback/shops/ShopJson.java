package io.comeback.shops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading the fields of a shop's JSON leniently: a missing or null field is null, a malformed one says where. */
public final class ShopJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopJson() {}

    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ShopDeliveryUnreadable("the body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // The original message alone: the full one quotes the body, which may name a person.
            throw new ShopDeliveryUnreadable("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ShopDeliveryUnreadable("the body is not JSON");
        }
    }

    /** Text of a field; numbers as written (ids); blank is null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text;
        if (value.isIntegralNumber()) {
            text = value.bigIntegerValue().toString();
        } else if (value.isNumber()) {
            text = value.decimalValue().toPlainString();
        } else {
            text = value.asText();
        }
        return text.isBlank() ? null : text.trim();
    }

    public static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new ShopDeliveryUnreadable("'" + field + "' is missing");
        }
        return value;
    }

    public static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new ShopDeliveryUnreadable("'" + field + "' is not an amount: " + value);
        }
    }

    /** An instant with an offset ({@code 2026-05-17T12:00:00+02:00}), or without one meaning UTC (WooCommerce's _gmt). */
    public static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new ShopDeliveryUnreadable("'" + field + "' is not a time: " + value);
            }
        }
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    public static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isArray() ? value : java.util.List.of();
    }
}
