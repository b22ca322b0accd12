package io.comeback.enrollment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.comeback.engine.run.EnrollmentState;
import java.util.Map;

/**
 * Enrollment state and small maps as JSON columns. An own mapper, not the REST one: the stored form
 * must not change when API settings do.
 */
public final class StateCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private StateCodec() {}

    public static String write(Object value) {
        if (value instanceof EnrollmentState state) {
            return EnrollmentStateJson.write(state);
        }
        return writeByBinding(value);
    }

    static String writeByBinding(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static EnrollmentState readState(String json) {
        try {
            return EnrollmentStateJson.read(json);
        } catch (EnrollmentStateJson.Unexpected e) {
            // Not the form the streaming reader knows: data binding reads it, or says what is wrong.
            return readStateByBinding(json);
        }
    }

    static EnrollmentState readStateByBinding(String json) {
        try {
            return JSON.readValue(json, EnrollmentState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored enrollment state is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, String> readStringMap(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON map is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> readObjectMap(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, OBJECT_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON map is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
