package io.comeback.gateway;

/**
 * The port every SMS provider adapter implements ({@code gateway/simulator}, {@code gateway/twilio}).
 * One call sends one message, exactly once: adapters never retry a create on their own, because
 * only the dispatcher knows whether a retry is safe (see {@link SendOutcome}).
 */
public interface SmsGateway {

    /** A short name shown in logs and the message log, e.g. {@code simulator} or {@code twilio}. */
    String name();

    /**
     * The sender a message to {@code to} leaves from (a number, an alphanumeric sender, a messaging
     * service): the unit the provider limits throughput by, and so the unit of pacing. One sender by default.
     */
    default String senderKey(String to) {
        return name();
    }

    /** Hands one message to the provider. Never throws for provider errors: they are outcomes. */
    SendOutcome send(OutgoingSms message);
}
