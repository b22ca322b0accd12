package io.comeback.messaging.port;

/** What a provider's error code means for the person or the sender, independent of the provider. */
public enum DeliveryProblem {
    /** The person opted out at the carrier (e.g. replied STOP to another of our numbers). Record an opt-out. */
    OPT_OUT,
    /** The number cannot receive texts. Leave it out of future sends until the number changes. */
    UNREACHABLE,
    /** The carrier filtered the text as spam. Flag the flow's message for a person to review. */
    REVIEW_CONTENT,
    /** The provider's queue for the sender is full. Slow the sender's pacing down. */
    SLOW_DOWN
}
