package io.comeback.messaging.port;

/**
 * Acts on delivery problems (opt-out in the consent ledger, unreachable numbers, content review,
 * pacing). {@code messaging.DeliveryProblemActions} implements it.
 * Reports may repeat for the same number (each error past a threshold reports again),
 * so implementations must be idempotent.
 */
public interface DeliveryProblemListener {
    void onDeliveryProblem(DeliveryProblemReport report);
}
