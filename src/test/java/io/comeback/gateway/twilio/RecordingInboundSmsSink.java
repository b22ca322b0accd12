package io.comeback.gateway.twilio;

import io.comeback.inbound.InboundSms;
import io.comeback.inbound.InboundSmsSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test stand-in for the runtime's inbound handling: records texts, confirms opt-outs. Enabled by {@link TwilioWebhookProfile} only. */
@Alternative
@ApplicationScoped
public class RecordingInboundSmsSink implements InboundSmsSink {

    static final String OPT_OUT_CONFIRMATION =
            "Du er meldt av & får ingen flere <meldinger>. Svar START for å melde deg på igjen.";

    private final List<InboundSms> received = new CopyOnWriteArrayList<>();

    @Override
    public Optional<String> receive(InboundSms sms) {
        received.add(sms);
        return sms.body().trim().equalsIgnoreCase("STOPP") ? Optional.of(OPT_OUT_CONFIRMATION) : Optional.empty();
    }

    List<InboundSms> receivedWithSid(String sid) {
        return received.stream().filter(s -> s.providerMessageId().equals(sid)).toList();
    }
}
