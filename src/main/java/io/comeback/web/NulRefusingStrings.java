package io.comeback.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every JSON string the API reads, as a field, a map key or a value inside a free-form object (customer attributes),
 * is refused when it holds a NUL character (U+0000): PostgreSQL cannot store NUL in text or jsonb, so it
 * would otherwise fail deep in a write as a 500. The refusal names the field ({@link ProblemMappers}: 422).
 */
@Singleton
public class NulRefusingStrings implements ObjectMapperCustomizer {

    /**
     * A string with a NUL character; its path is filled in by Jackson as it leaves each containing object. A
     * {@link MismatchedInputException}, because Quarkus REST hands those to the mappers as they are (other mapping
     * failures it turns into a bare 400).
     */
    public static final class NulInTextException extends MismatchedInputException {
        NulInTextException(JsonParser parser) {
            super(parser, "holds a NUL character (\\u0000), which cannot be stored; remove it", String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("nul-refusing-strings");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        mapper.registerModule(module);
    }

    private static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw new NulInTextException(parser);
            }
            return text;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (key != null && key.indexOf('\0') >= 0) {
                throw new NulInTextException(context.getParser());
            }
            return key;
        }
    }
}
