package io.comeback.engine.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads a scenario file (format in {@code flows/README.md}, "Scenario tests"); strict about keys. */
public final class ScenarioReader {

    private static final Set<String> KEYS =
            Set.of("name", "flow", "customer", "orders", "start", "until", "events", "expect", "never", "exact");
    private static final Set<String> CUSTOMER_KEYS = Set.of(
            "firstName",
            "lastName",
            "email",
            "phone",
            "locale",
            "timeZone",
            "birthday",
            "attributes",
            "consent",
            "rfm");
    private static final Set<String> ORDER_KEYS = Set.of("placedAt", "total", "couponCode", "items");
    private static final Set<String> ITEM_KEYS = Set.of("sku", "name", "category", "quantity", "price");
    private static final Set<String> EVENT_KEYS = Set.of("at", "type", "body", "total", "name", "properties");
    private static final Set<String> ENTRY_KEYS = Set.of("at", "kind", "step", "text", "attribute", "value", "reason");

    public Scenario read(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(source);
        } catch (YamlEngineException e) {
            throw new ScenarioFormatException(file + ": not valid YAML: " + e.getMessage());
        }
        YamlValues top = new YamlValues(file, "", root, KEYS);
        String name = top.string("name", file.getFileName().toString());
        String flow = top.requiredString("flow");
        YamlValues customer = top.child("customer", CUSTOMER_KEYS);
        SimulationRequest request = new SimulationRequest(
                new SimulationRequest.Customer(
                        customer.string("firstName", null),
                        customer.string("lastName", null),
                        customer.string("email", null),
                        customer.string("phone", null),
                        customer.string("locale", null),
                        customer.requiredString("timeZone"),
                        customer.string("birthday", null),
                        customer.stringMap("attributes"),
                        consent(customer),
                        customer.string("rfm", null)),
                top.list("orders", ORDER_KEYS).stream()
                        .map(o -> new SimulationRequest.Order(
                                instant(o, "placedAt", true),
                                o.decimal("total"),
                                o.string("couponCode", null),
                                o.list("items", ITEM_KEYS).stream()
                                        .map(ScenarioReader::item)
                                        .toList()))
                        .toList(),
                instant(top, "start", true),
                top.list("events", EVENT_KEYS).stream()
                        .map(e -> new SimulationRequest.Event(
                                instant(e, "at", true),
                                e.requiredString("type"),
                                e.string("body", null),
                                e.decimal("total"),
                                e.string("name", null),
                                e.stringMap("properties")))
                        .toList(),
                instant(top, "until", true));
        List<Expectation> expect = top.list("expect", ENTRY_KEYS).stream()
                .map(ScenarioReader::expectation)
                .toList();
        List<Expectation> never = top.list("never", ENTRY_KEYS).stream()
                .map(ScenarioReader::expectation)
                .toList();
        if (expect.isEmpty() && never.isEmpty()) {
            throw new ScenarioFormatException(
                    file + ": a scenario needs `expect` or `never` entries, else it tests nothing");
        }
        return new Scenario(name, file, flow, request, expect, never, top.bool("exact"));
    }

    /** Either {@code consent: opted_in} or, as in the API, {@code consent: {status: opted_in}}. */
    private static SimulationRequest.Consent consent(YamlValues customer) {
        Object raw = customer.raw("consent");
        if (raw == null) {
            return null;
        }
        if (raw instanceof Map) {
            return new SimulationRequest.Consent(
                    customer.child("consent", Set.of("status")).requiredString("status"));
        }
        return new SimulationRequest.Consent(customer.string("consent", null));
    }

    private static SimulationRequest.Item item(YamlValues i) {
        BigDecimal quantity = i.decimal("quantity");
        if (quantity != null
                && (quantity.signum() <= 0
                        || quantity.stripTrailingZeros().scale() > 0
                        || quantity.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
            throw i.error("quantity", "'" + quantity.toPlainString() + "' is not a whole number of at least 1");
        }
        return new SimulationRequest.Item(
                i.string("sku", null),
                i.string("name", null),
                i.string("category", null),
                quantity == null ? null : quantity.intValueExact(),
                i.decimal("price"));
    }

    private static Expectation expectation(YamlValues e) {
        return new Expectation(
                instant(e, "at", false),
                e.string("kind", null),
                e.string("step", null),
                e.string("text", null),
                e.string("attribute", null),
                e.string("value", null),
                e.string("reason", null));
    }

    /** ISO-8601 with {@code Z} or an offset ({@code 2026-06-16T08:00:00+02:00}), which reads better for local times. */
    private static Instant instant(YamlValues values, String key, boolean required) {
        String text = required ? values.requiredString(key) : values.string(key, null);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw values.error(
                    key,
                    "'" + text + "' is not an instant: write e.g. 2026-06-15T21:30:00Z or 2026-06-15T23:30:00+02:00");
        }
    }

    static BigDecimal decimalOf(Object raw) {
        return raw == null ? null : new BigDecimal(raw.toString());
    }
}
