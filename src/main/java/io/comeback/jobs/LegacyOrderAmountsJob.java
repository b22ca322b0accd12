package io.comeback.jobs;

import io.comeback.audience.LegacyOrderAmounts;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * At start, converts the orders stored before amounts were converted ({@link LegacyOrderAmounts}); on its own
 * thread, so a large history does not hold up the start. Nothing to do once they are converted.
 */
@ApplicationScoped
public class LegacyOrderAmountsJob {

    private static final Logger LOG = Logger.getLogger(LegacyOrderAmountsJob.class);

    private final LegacyOrderAmounts legacy;

    public LegacyOrderAmountsJob(LegacyOrderAmounts legacy) {
        this.legacy = legacy;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 950) StartupEvent event) {
        Thread thread = new Thread(this::convert, "legacy-order-amounts");
        thread.setDaemon(true);
        thread.start();
    }

    void convert() {
        try {
            int converted = legacy.convert();
            if (converted > 0) {
                LOG.infof("Converted %d orders in other currencies into the reporting currency", converted);
            }
        } catch (Exception e) {
            LOG.warn("Could not convert the orders stored before amounts were converted; the next start will", e);
        }
    }
}
