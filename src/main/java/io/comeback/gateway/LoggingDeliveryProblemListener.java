package io.comeback.gateway;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Used only while no real listener is deployed: the problem stays visible in the log instead of
 * vanishing. Any other {@link DeliveryProblemListener} bean replaces it.
 */
@DefaultBean
@ApplicationScoped
public class LoggingDeliveryProblemListener implements DeliveryProblemListener {

    private static final Logger LOG = Logger.getLogger(LoggingDeliveryProblemListener.class);

    @Override
    public void onDeliveryProblem(DeliveryProblemReport report) {
        LOG.warnf("Delivery problem %s (error %s, %d occurrence(s)) for message %s / %s; no handler is installed",
                report.problem(), report.errorCode(), report.occurrences(), report.messageId(), report.providerMessageId());
    }
}
