package io.comeback.enrollment;

import java.time.Instant;

/** A due enrollment row, locked by the worker's transaction until it commits. */
record ClaimedEnrollment(
        long id,
        String flowId,
        String flowVersion,
        long customerId,
        String status,
        String stateJson,
        String startContextJson,
        Instant enteredAt) {}
