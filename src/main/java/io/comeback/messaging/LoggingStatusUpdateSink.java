package io.comeback.messaging;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Lets the service start before the messaging runtime is deployed; the runtime's sink replaces it. */
@DefaultBean
@ApplicationScoped
public class LoggingStatusUpdateSink implements StatusUpdateSink {

    private static final Logger LOG = Logger.getLogger(LoggingStatusUpdateSink.class);

    @Override
    public void apply(StatusUpdate update) {
        LOG.infof("Status %s for message %s / %s; no status handler is installed",
                update.status().wire(), update.messageId(), update.providerMessageId());
    }
}
