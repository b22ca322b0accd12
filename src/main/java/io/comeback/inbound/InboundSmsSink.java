package io.comeback.inbound;

import java.util.Optional;

/**
 * Where gateways hand inbound texts. Implementations store each text once (by provider id) and
 * route it (opt-out keywords, a waiting enrollment, the inbox). Returns the immediate answer to
 * the sender, if any (opt-out confirmation, help text, inbox auto-reply), which a gateway may
 * deliver in its webhook response (TwiML) instead of a separate send.
 */
public interface InboundSmsSink {
    Optional<String> receive(InboundSms sms);
}
