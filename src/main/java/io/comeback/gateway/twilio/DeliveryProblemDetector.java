package io.comeback.gateway.twilio;

import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.messaging.port.DeliveryProblemListener;
import io.comeback.messaging.port.DeliveryProblemReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Applies {@link ErrorCodeRules} to every error code Twilio reports (status callbacks and refused
 * creates): records it, counts the number's errors of the same kind within the window, and tells
 * the {@link DeliveryProblemListener} once a rule's threshold is reached.
 */
@ApplicationScoped
public class DeliveryProblemDetector {

    private final ErrorCodeRules rules;
    private final Duration window;
    private final DeliveryErrorStore store;
    private final DeliveryProblemListener listener;
    private final Clock clock;

    DeliveryProblemDetector(
            TwilioConfig config, DeliveryErrorStore store, DeliveryProblemListener listener, Clock clock) {
        this.rules = ErrorCodeRules.parse(config.errorRules());
        this.window = config.errorWindow();
        this.store = store;
        this.listener = listener;
        this.clock = clock;
    }

    /** @param messageSid Twilio's SID, null when the create was refused; @param messageId our ledger id, if known */
    public void onError(String code, String phone, String messageSid, Long messageId) {
        Optional<ErrorCodeRules.Rule> rule = rules.ruleFor(code);
        if (rule.isEmpty() || phone == null || (messageSid == null && messageId == null)) {
            return;
        }
        DeliveryProblem problem = rule.get().problem();
        Instant now = clock.instant();
        OptionalLong occurrences = store.record(phone, code, problem, messageSid, messageId, now, now.minus(window));
        if (occurrences.isEmpty()) {
            return; // the same error of the same message, reported again
        }
        Optional<DeliveryProblem> act = rules.decide(code, occurrences.getAsLong());
        if (act.isPresent()) {
            listener.onDeliveryProblem(new DeliveryProblemReport(
                    act.get(), code, phone, messageSid, messageId, occurrences.getAsLong(), now));
            store.markActed(messageSid, messageId, code);
        }
    }
}
