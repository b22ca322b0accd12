package io.comeback.web;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson and Bean Validation paths into the dotted names clients sent, e.g. {@code items[0].price}. */
final class JsonPaths {
    private JsonPaths() {}

    static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Bean Validation paths start with the method and parameter name ({@code put.body.phone}); keep the body part. */
    static String lastNodes(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        return parts.length <= 2
                ? parts[parts.length - 1]
                : String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }
}
