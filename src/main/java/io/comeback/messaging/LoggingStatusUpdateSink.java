package io.comeback.messaging;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Lets the service start before the messaging runtime is deployed; the runtime's sink replaces it.
 * Logs at debug level: receipts come by the thousand per second.
 */
@DefaultBean
@ApplicationScoped
public class LoggingStatusUpdateSink implements StatusUpdateSink {

    private static final Logger LOG = Logger.getLogger(LoggingStatusUpdateSink.class);

    @Override
    public void apply(StatusUpdate update) {
        LOG.debugf("Status %s for message %s / %s; no status handler is installed",
                update.status().wire(), update.messageId(), update.providerMessageId());
    }
}
