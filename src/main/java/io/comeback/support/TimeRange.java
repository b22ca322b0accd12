package io.comeback.support;

import java.time.Instant;

/**
 * A half-open range of time [start, end): an instant at {@code end} is outside it, so ranges that meet
 * (one period's end, the next one's start) never share an instant.
 */
public record TimeRange(Instant start, Instant end) {}
