package io.comeback.enrollment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.comeback.audience.Instants;
import io.comeback.engine.model.EventType;
import io.comeback.engine.run.EnrollmentState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enrollment state's JSON, read and written token by token. Every wake-up reads one and writes one;
 * Jackson's data binding of the record (reflection, a creator, a deserializer per collection) was a large
 * share of the wake-up's CPU. The form is the one data binding writes (the record's components by name, instants
 * as ISO-8601 strings, enums by name), so either reads what the other wrote. A document this reader does
 * not expect (a number where a string belongs, a missing collection…) is {@link Unexpected}: the caller
 * then reads it with data binding, so nothing readable before becomes unreadable.
 */
final class EnrollmentStateJson {

    /** The document is not of the shape this reader knows. */
    static final class Unexpected extends Exception {
        Unexpected(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private EnrollmentStateJson() {}

    static EnrollmentState read(String json) throws Unexpected {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String flowId = null;
            String flowVersion = null;
            EnrollmentState.Status status = null;
            String stepId = null;
            Instant enrolledAt = null;
            Instant wakeAt = null;
            int reAsks = 0;
            Map<String, Integer> occurrences = null;
            Set<EventType> eventsSeen = null;
            Map<String, String> variables = null;
            Map<String, String> attributes = null;
            Set<String> tagsAdded = null;
            Set<String> tagsRemoved = null;
            String exitLabel = null;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "flowId" -> flowId = text(p, value);
                    case "flowVersion" -> flowVersion = text(p, value);
                    case "status" -> status = status(text(p, value));
                    case "stepId" -> stepId = text(p, value);
                    case "enrolledAt" -> enrolledAt = instant(text(p, value));
                    case "wakeAt" -> wakeAt = instant(text(p, value));
                    case "reAsks" -> {
                        expect(value, JsonToken.VALUE_NUMBER_INT);
                        reAsks = p.getIntValue();
                    }
                    case "occurrences" -> occurrences = counts(p, value);
                    case "eventsSeen" -> eventsSeen = events(p, value);
                    case "variables" -> variables = strings(p, value);
                    case "attributes" -> attributes = strings(p, value);
                    case "tagsAdded" -> tagsAdded = texts(p, value);
                    case "tagsRemoved" -> tagsRemoved = texts(p, value);
                    case "exitLabel" -> exitLabel = text(p, value);
                    default -> p.skipChildren();
                }
            }
            expect(token, JsonToken.END_OBJECT);
            if (occurrences == null
                    || eventsSeen == null
                    || variables == null
                    || attributes == null
                    || tagsAdded == null
                    || tagsRemoved == null) {
                throw new Unexpected("a collection is missing");
            }
            return new EnrollmentState(
                    flowId,
                    flowVersion,
                    status,
                    stepId,
                    enrolledAt,
                    wakeAt,
                    reAsks,
                    occurrences,
                    eventsSeen,
                    variables,
                    attributes,
                    tagsAdded,
                    tagsRemoved,
                    exitLabel);
        } catch (IOException e) {
            throw new Unexpected(e.getMessage());
        }
    }

    static String write(EnrollmentState state) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("flowId", state.flowId());
            g.writeStringField("flowVersion", state.flowVersion());
            g.writeStringField(
                    "status", state.status() == null ? null : state.status().name());
            g.writeStringField("stepId", state.stepId());
            g.writeStringField("enrolledAt", state.enrolledAt() == null ? null : Instants.format(state.enrolledAt()));
            g.writeStringField("wakeAt", state.wakeAt() == null ? null : Instants.format(state.wakeAt()));
            g.writeNumberField("reAsks", state.reAsks());
            g.writeObjectFieldStart("occurrences");
            for (Map.Entry<String, Integer> e : state.occurrences().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("eventsSeen");
            for (EventType event : state.eventsSeen()) {
                g.writeString(event.name());
            }
            g.writeEndArray();
            writeStrings(g, "variables", state.variables());
            writeStrings(g, "attributes", state.attributes());
            writeTexts(g, "tagsAdded", state.tagsAdded());
            writeTexts(g, "tagsRemoved", state.tagsRemoved());
            g.writeStringField("exitLabel", state.exitLabel());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeStrings(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeTexts(JsonGenerator g, String name, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void expect(JsonToken actual, JsonToken expected) throws Unexpected {
        if (actual != expected) {
            throw new Unexpected("expected " + expected + ", found " + actual);
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException, Unexpected {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static EnrollmentState.Status status(String name) throws Unexpected {
        try {
            return name == null ? null : EnrollmentState.Status.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new Unexpected("unknown status " + name);
        }
    }

    private static Instant instant(String text) throws Unexpected {
        try {
            return text == null ? null : Instants.parseIso(text);
        } catch (DateTimeParseException e) {
            throw new Unexpected("not an ISO-8601 instant: " + text);
        }
    }

    private static Map<String, Integer> counts(JsonParser p, JsonToken value) throws IOException, Unexpected {
        expect(value, JsonToken.START_OBJECT);
        Map<String, Integer> counts = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            counts.put(key, p.getIntValue());
        }
        return counts;
    }

    private static Map<String, String> strings(JsonParser p, JsonToken value) throws IOException, Unexpected {
        expect(value, JsonToken.START_OBJECT);
        Map<String, String> strings = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            strings.put(key, text(p, p.nextToken()));
        }
        return strings;
    }

    private static Set<String> texts(JsonParser p, JsonToken value) throws IOException, Unexpected {
        expect(value, JsonToken.START_ARRAY);
        Set<String> texts = new LinkedHashSet<>();
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            texts.add(text(p, token));
        }
        return texts;
    }

    private static Set<EventType> events(JsonParser p, JsonToken value) throws IOException, Unexpected {
        expect(value, JsonToken.START_ARRAY);
        List<EventType> events = new ArrayList<>(4);
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            String name = text(p, token);
            try {
                events.add(EventType.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new Unexpected("unknown event " + name);
            }
        }
        return new LinkedHashSet<>(events);
    }
}
