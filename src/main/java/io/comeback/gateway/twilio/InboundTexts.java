package io.comeback.gateway.twilio;

import io.comeback.inbound.InboundSms;
import io.comeback.inbound.InboundSmsSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A signed inbound text: stored once by MessageSid, handed to the sink, answered in TwiML. A repeated
 * delivery of a text already applied gets the answer given the first time: Twilio only repeats when
 * our first answer did not reach it, so the person has not seen it yet.
 */
@ApplicationScoped
public class InboundTexts {

    private final TwilioCallbackStore store;
    private final InboundSmsSink sink;
    private final Clock clock;

    InboundTexts(TwilioCallbackStore store, InboundSmsSink sink, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.clock = clock;
    }

    /** @return the TwiML document to answer with */
    String accept(Map<String, String> params) {
        String sid = StatusCallbacks.required(params, "MessageSid", "SmsSid");
        String from = StatusCallbacks.required(params, "From", null);
        String to = StatusCallbacks.required(params, "To", null);
        String body = params.getOrDefault("Body", "");
        Instant now = clock.instant();
        TwilioCallbackStore.InboundState earlier = store.recordInbound(sid, from, to, body, params, now);
        if (earlier.applied()) {
            return Twiml.reply(Optional.ofNullable(earlier.answer()));
        }
        Optional<String> answer = sink.receive(new InboundSms(sid, from, to, body, now));
        store.inboundApplied(sid, answer.orElse(null), clock.instant());
        return Twiml.reply(answer);
    }
}
