package io.comeback.enrollment;

import java.time.Instant;

/**
 * A due enrollment row, locked by the worker's transaction until it commits.
 *
 * @param approvalId the pending approval it waits for (its texts are written {@code awaiting_approval}), else null
 */
record ClaimedEnrollment(
        long id,
        String flowId,
        String flowVersion,
        long customerId,
        String status,
        String stateJson,
        String startContextJson,
        Instant enteredAt,
        Long approvalId) {

    boolean awaitingApproval() {
        return approvalId != null;
    }
}
