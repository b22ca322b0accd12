package io.comeback.messaging.compliance;

import java.time.Instant;

/**
 * A marketing text this person already has on the ledger — sent, or waiting for its time — as the
 * caps see it: when, from which flow and enrollment, and how important that flow is.
 *
 * @param enrollmentId -1 for a text of no enrollment (it counts for everyone)
 */
public record PlannedText(long enrollmentId, String flowId, int priority, Instant at) {}
