package io.comeback.gateway.twilio;

import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.MessageLookup;
import io.comeback.messaging.port.ProviderMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the Twilio message of a ledger row a crash (or a 5xx, or a lost answer) left {@code unknown}.
 * Twilio takes no idempotency key and its Message resource does not show the StatusCallback URL that
 * carries our ledger id, so the message is recognised by what we sent: same recipient, same body,
 * created after the gateway call began and not already recorded on another row.
 * <p>
 * "Never received" must be certain, because it lets the row be sent again. Twilio lists messages by
 * {@code DateSent}, and a message still waiting in its queue has none yet; so absence counts only
 * when the listing was read to its end and the message's validity period is over (plus a margin):
 * by then Twilio has sent it (it would be listed) or dropped it (nobody got it). Before that, and
 * whenever Twilio cannot be asked, the answer is "cannot tell" and the row stays {@code unknown}.
 */
final class TwilioInDoubtLookup {

    /** Twilio's clock and ours may disagree; its date_created is also whole seconds. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** After the validity period: time for Twilio to fail the message and list it. */
    static final Duration SETTLE = Duration.ofMinutes(10);
    /** A recipient with more messages than this in the period is not searched to the end. */
    static final int MAX_LISTED = 500;

    private final TwilioMessageLookup messages;
    private final Clock clock;

    TwilioInDoubtLookup(TwilioMessageLookup messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    MessageLookup.Answer lookup(MessageLookup.InDoubt row) {
        if (row.to() == null || row.dispatchedAt() == null) {
            return new MessageLookup.CannotTell("the row has no recipient or dispatch time to search by");
        }
        TwilioMessageLookup.Listing listing;
        try {
            listing = messages.sentTo(row.to(), row.dispatchedAt(), MAX_LISTED);
        } catch (RuntimeException e) {
            return new MessageLookup.CannotTell("Twilio could not be asked: " + e.getMessage());
        }
        Instant earliest = row.dispatchedAt().minus(CLOCK_SKEW);
        Optional<ProviderMessage> match = listing.messages().stream()
                .filter(m -> row.body().equals(m.body()))
                .filter(m -> m.createdAt() == null || !m.createdAt().isBefore(earliest))
                .filter(m -> !row.knownProviderIds().contains(m.providerMessageId()))
                // Two rows in doubt with the same text to the same person: the earlier call gets the earlier message.
                .min(Comparator.comparing(ProviderMessage::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
        if (match.isPresent()) {
            return new MessageLookup.Found(match.get().providerMessageId(), statusOf(match.get()));
        }
        if (!listing.complete()) {
            return new MessageLookup.CannotTell(
                    "more than " + MAX_LISTED + " messages to the recipient; not searched to the end");
        }
        Instant certainAfter = settledAt(row);
        if (clock.instant().isBefore(certainAfter)) {
            return new MessageLookup.CannotTell(
                    "not listed yet; it may still wait in Twilio's queue until " + certainAfter);
        }
        return new MessageLookup.NeverReceived();
    }

    /** When Twilio has certainly either sent the message or dropped it: the end of its validity period, plus a margin. */
    static Instant settledAt(MessageLookup.InDoubt row) {
        Instant longest = row.dispatchedAt().plusSeconds(ValidityPeriod.MAX_SECONDS);
        Instant validUntil = row.validUntil() == null || row.validUntil().isAfter(longest) ? longest : row.validUntil();
        return validUntil.plus(SETTLE);
    }

    /** Statuses Comeback does not track: {@code read} was delivered, {@code canceled} never left. */
    private static DeliveryStatus statusOf(ProviderMessage message) {
        if ("read".equals(message.providerStatus())) {
            return DeliveryStatus.DELIVERED;
        }
        if ("canceled".equals(message.providerStatus())) {
            return DeliveryStatus.FAILED;
        }
        return message.status().orElse(DeliveryStatus.QUEUED);
    }
}
