package io.comeback.messaging;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Lets the service start before the messaging runtime is deployed: logs that a text arrived (not
 * its content, which is personal) and answers nothing. The runtime's sink replaces it.
 */
@DefaultBean
@ApplicationScoped
public class LoggingInboundSmsSink implements InboundSmsSink {

    private static final Logger LOG = Logger.getLogger(LoggingInboundSmsSink.class);

    @Override
    public Optional<String> receive(InboundSms sms) {
        LOG.debugf("Inbound text %s received; no inbound handler is installed", sms.providerMessageId());
        return Optional.empty();
    }
}
