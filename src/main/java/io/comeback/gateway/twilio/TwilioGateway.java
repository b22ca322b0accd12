package io.comeback.gateway.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.MessageLookup;
import io.comeback.messaging.port.MessageStatusLookup;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.ProviderLoadListener;
import io.comeback.messaging.port.ProviderMessage;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * Sends through Twilio's Messages API with the official SDK. One {@link #send} is one
 * {@code POST Messages}, never more (see {@link CreateOnceHttpClient}); every message asks for status
 * callbacks carrying our ledger id, and carries a validity period derived from its deadline.
 */
public final class TwilioGateway implements SmsGateway, MessageStatusLookup, MessageLookup {

    /** Path of the status webhook; the ledger id rides along so callbacks can be matched before the SID is recorded. */
    static final String STATUS_PATH = "/webhooks/twilio/status";

    private static final Logger LOG = Logger.getLogger(TwilioGateway.class);

    private final TwilioSettings settings;
    private final TwilioRestClient client;
    private final Clock clock;
    private final SendErrorListener errors;
    private final TwilioMessageLookup lookup;
    private final TwilioInDoubtLookup inDoubt;

    /** How the SDK's HTTP client is set up: connections, read timeout, where the account's load is reported. */
    record Http(int maxConnections, Duration readTimeout, ProviderLoadListener load) {

        /** A pool as large as Twilio's default per-account concurrency, the SDK's read timeout, nobody listening. */
        static Http defaults() {
            return new Http(100, Duration.ofSeconds(30), ProviderLoadListener.NONE);
        }
    }

    TwilioGateway(TwilioSettings settings, Clock clock, SendErrorListener errors) {
        this(settings, clock, errors, Http.defaults());
    }

    TwilioGateway(TwilioSettings settings, Clock clock, SendErrorListener errors, Http http) {
        this.settings = settings;
        this.clock = clock;
        this.errors = errors;
        this.client = new TwilioRestClient.Builder(
                        settings.credentials().username(),
                        settings.credentials().password())
                .accountSid(settings.accountSid())
                .httpClient(new CreateOnceHttpClient(
                        settings.rebasesApi() ? settings.apiBaseUrl() : null,
                        http.maxConnections(),
                        http.readTimeout(),
                        http.load()))
                .build();
        this.lookup = new TwilioMessageLookup(settings.accountSid(), client);
        this.inDoubt = new TwilioInDoubtLookup(lookup, clock);
    }

    @Override
    public String name() {
        return "twilio";
    }

    /** The From the text leaves from (the country's own, or the default), else the messaging service's pool. */
    @Override
    public String senderKey(String to) {
        Senders.Sender sender = settings.senders().forRecipient(to);
        return sender.from() != null ? sender.from() : sender.messagingServiceSid();
    }

    @Override
    public SendOutcome send(OutgoingSms sms) {
        MessageCreator creator;
        try {
            creator = creatorFor(sms);
        } catch (ValidityPeriod.DeadlinePassed e) {
            return new SendOutcome.Refused(SendOutcome.DEADLINE_PASSED, e.getMessage(), false); // nothing to act on
        }
        SendOutcome outcome;
        try {
            Message created = creator.create(client);
            outcome = new SendOutcome.Accepted(created.getSid(), statusOf(created));
        } catch (RuntimeException e) {
            outcome = TwilioErrors.classify(e);
        }
        if (outcome instanceof SendOutcome.Refused refused && !refused.retryable()) {
            report(refused, sms);
        }
        return outcome;
    }

    /** Acting on the code must not hide the outcome: the dispatcher still has to record the refusal. */
    private void report(SendOutcome.Refused refused, OutgoingSms sms) {
        try {
            errors.onSendError(refused.errorCode(), sms.to(), sms.messageId());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not act on Twilio error %s for message %d", refused.errorCode(), sms.messageId());
        }
    }

    @Override
    public Optional<ProviderMessage> byProviderId(String providerMessageId) {
        return lookup.byProviderId(providerMessageId);
    }

    @Override
    public List<ProviderMessage> createdFor(String to, Instant since, int limit) {
        return lookup.createdFor(to, since, limit);
    }

    /** Twilio cannot be asked by our id alone: the recipient, body and dispatch time are needed. */
    @Override
    public Answer lookup(long messageId) {
        return new CannotTell("Twilio finds messages by recipient, body and time, not by our id " + messageId);
    }

    @Override
    public Answer lookup(InDoubt message) {
        return inDoubt.lookup(message);
    }

    private MessageCreator creatorFor(OutgoingSms sms) {
        OptionalInt validity = ValidityPeriod.seconds(sms.validUntil(), clock.instant());
        Senders.Sender sender = settings.senders().forRecipient(sms.to());
        PhoneNumber to = new PhoneNumber(sms.to());
        MessageCreator creator = sender.messagingServiceSid() != null
                ? Message.creator(settings.accountSid(), to, sender.messagingServiceSid(), sms.body())
                : Message.creator(settings.accountSid(), to, new PhoneNumber(sender.from()), sms.body());
        if (sender.messagingServiceSid() != null && sender.from() != null) {
            creator.setFrom(sender.from());
        }
        creator.setStatusCallback(statusCallback(sms.messageId()));
        validity.ifPresent(creator::setValidityPeriod);
        return creator;
    }

    private URI statusCallback(long messageId) {
        String base = settings.publicUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + STATUS_PATH
                + "?messageId=" + messageId);
    }

    private static DeliveryStatus statusOf(Message created) {
        return created.getStatus() == null
                ? DeliveryStatus.QUEUED
                : DeliveryStatus.fromWire(created.getStatus().toString()).orElse(DeliveryStatus.QUEUED);
    }
}
