package io.comeback.audience;

import java.util.Collection;
import java.util.Map;

/**
 * The size of a customer attribute's value in characters, as its JSON text would be about: the text of a string,
 * number or boolean, and for a list or object the sum of what it holds (keys included). Counting stops as soon
 * as the cap is passed, so a huge value costs no more than the cap to measure.
 */
final class AttributeValues {

    /** Returned when the value is longer than the cap. */
    static final long MORE = Long.MAX_VALUE;

    private AttributeValues() {}

    static long length(Object value, long cap) {
        long length = measure(value, cap);
        return length > cap ? MORE : length;
    }

    private static long measure(Object value, long cap) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return text.length();
        }
        long total = 2;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total += String.valueOf(entry.getKey()).length() + 1 + measure(entry.getValue(), cap - total);
                if (total > cap) {
                    return total;
                }
            }
            return total;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                total += 1 + measure(item, cap - total);
                if (total > cap) {
                    return total;
                }
            }
            return total;
        }
        return value.toString().length();
    }
}
