package io.comeback.gateway;

/**
 * Acts on delivery problems (opt-out in the consent ledger, unreachable numbers, content review,
 * pacing). The messaging runtime implements it; {@link LoggingDeliveryProblemListener} stands in
 * until then. Reports may repeat for the same number (each error past a threshold reports again),
 * so implementations must be idempotent.
 */
public interface DeliveryProblemListener {
    void onDeliveryProblem(DeliveryProblemReport report);
}
