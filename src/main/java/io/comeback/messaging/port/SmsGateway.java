package io.comeback.messaging.port;

import java.util.List;

/**
 * The port every SMS provider adapter implements ({@code gateway/simulator}, {@code gateway/twilio}).
 * A call sends each message it carries exactly once (one with {@link #send}, a batch with {@link #sendAll}):
 * adapters never retry a create on their own, because only the dispatcher knows whether a retry is
 * safe (see {@link SendOutcome}).
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

    /**
     * Whether {@link #sendAll} hands a whole batch over in one request. A provider that takes one
     * message per request answers false, and the dispatcher makes its calls side by side instead.
     */
    default boolean takesBatches() {
        return false;
    }

    /**
     * Hands several messages over, each exactly once, and answers one outcome per message in the
     * same order. Never throws for provider errors: a request whose fate is unknown answers
     * {@link SendOutcome.Indeterminate} for every message in it.
     */
    default List<SendOutcome> sendAll(List<OutgoingSms> messages) {
        return messages.stream().map(this::send).toList();
    }
}
