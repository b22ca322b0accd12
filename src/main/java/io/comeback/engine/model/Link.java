package io.comeback.engine.model;

/** A named link declared under {@code links:} and used in texts as {@code {{ link.name }}}. */
public record Link(String name, String url, SourceLocation location) {}
