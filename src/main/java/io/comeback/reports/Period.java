package io.comeback.reports;

import java.time.Instant;

/** A half-open range of time [start, end). */
record Period(Instant start, Instant end) {
}
