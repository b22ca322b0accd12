package io.comeback.audience;

/** One thing wrong with one field of an input, in words that say what to write instead. */
public record FieldViolation(String field, String message) {}
