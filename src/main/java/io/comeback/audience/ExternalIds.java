package io.comeback.audience;

import java.util.Optional;

/** The shop's own identifiers for customers and orders. */
public final class ExternalIds {
    private ExternalIds() {}

    public static Optional<FieldViolation> check(String field, String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(new FieldViolation(field, "required"));
        }
        if (id.length() > 200) {
            return Optional.of(new FieldViolation(field, "at most 200 characters"));
        }
        if (!id.equals(id.strip()) || id.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(new FieldViolation(field, "no surrounding spaces or control characters"));
        }
        return Optional.empty();
    }
}
