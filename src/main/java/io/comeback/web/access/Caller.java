package io.comeback.web.access;

/** Who made a request (a user, a named key, or {@code bootstrap}) and what they may do. */
public record Caller(String name, AccessLevel level) {}
