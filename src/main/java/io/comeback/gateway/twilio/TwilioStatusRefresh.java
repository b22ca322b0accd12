package io.comeback.gateway.twilio;

import io.comeback.messaging.GatewayConfig;
import io.comeback.messaging.ReconcileConfig;
import io.comeback.messaging.StaleMessages;
import io.comeback.messaging.port.LostReceiptRecovery;
import io.comeback.messaging.port.MessageStatusLookup;
import io.comeback.messaging.port.ProviderMessage;
import io.comeback.messaging.port.SmsGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fetches from Twilio ({@code GET Messages/{Sid}.json}) the status of messages stuck in
 * {@code queued}/{@code sending}/{@code sent} past {@code comeback.reconcile.stale-after}, and treats
 * each answer as the status callback that did not arrive: stored once with the callbacks, applied
 * forward-only through the status sink, its error code checked against the error-code rules.
 */
@ApplicationScoped
public class TwilioStatusRefresh implements LostReceiptRecovery {

    private static final Logger LOG = Logger.getLogger(TwilioStatusRefresh.class);

    /** What one run did. */
    public record Result(int asked, int changed, int unknownAtTwilio, int failed) {
        static final Result IDLE = new Result(0, 0, 0, 0);
    }

    private final StaleMessages stale;
    private final Instance<SmsGateway> twilio;
    private final StatusCallbacks callbacks;
    private final Clock clock;
    private final boolean active;
    private final Duration staleAfter;
    private final Duration giveUpAfter;
    private final int batchSize;

    TwilioStatusRefresh(
            StaleMessages stale,
            @Named("twilio") Instance<SmsGateway> twilio,
            StatusCallbacks callbacks,
            Clock clock,
            GatewayConfig gateway,
            ReconcileConfig config) {
        this.stale = stale;
        this.twilio = twilio;
        this.callbacks = callbacks;
        this.clock = clock;
        this.active = "twilio".equals(gateway.name());
        this.staleAfter = config.staleAfter();
        this.giveUpAfter = config.staleGiveUpAfter();
        this.batchSize = config.staleBatchSize();
    }

    @Override
    public void recoverLostReceipts() {
        refresh();
    }

    public Result refresh() {
        if (!active) {
            return Result.IDLE;
        }
        MessageStatusLookup lookup = (MessageStatusLookup) twilio.get();
        Instant now = clock.instant();
        List<StaleMessages.Stale> due = stale.due(now, staleAfter, giveUpAfter, batchSize);
        List<Long> asked = new ArrayList<>(due.size());
        int changed = 0;
        int missing = 0;
        int failed = 0;
        for (StaleMessages.Stale message : due) {
            Optional<ProviderMessage> current;
            try {
                current = lookup.byProviderId(message.providerMessageId());
            } catch (RuntimeException e) {
                failed++; // asked again on the next run
                continue;
            }
            asked.add(message.id());
            if (current.isEmpty()) {
                missing++;
            } else if (callbacks.accept(asCallback(current.get(), message), message.id())) {
                changed++;
            }
        }
        stale.checked(asked, clock.instant());
        Result result = new Result(asked.size(), changed, missing, failed);
        if (!due.isEmpty()) {
            LOG.infof("Stale statuses fetched from Twilio: %s", result);
        }
        return result;
    }

    /** The fetched message in the shape of the status callback Twilio would have sent. */
    private static Map<String, String> asCallback(ProviderMessage current, StaleMessages.Stale message) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", current.providerMessageId());
        params.put("MessageStatus", current.providerStatus());
        if (current.errorCode() != null) {
            params.put("ErrorCode", current.errorCode());
        }
        params.put("To", current.to() == null ? message.to() : current.to());
        params.put("Source", "fetched by reconciliation");
        return params;
    }
}
