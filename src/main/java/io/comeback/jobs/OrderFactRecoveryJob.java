package io.comeback.jobs;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.imports.ImportFollowUp;
import io.comeback.audience.imports.OrderFactFolds;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import org.jboss.logging.Logger;

/**
 * At start, folds the customer facts an order import left unfolded when its process died
 * ({@link OrderFactFolds}), and enters the recent orders it kept aside into their flows. On its own thread: a big fold must not hold up the service's start.
 */
@ApplicationScoped
public class OrderFactRecoveryJob {

    private static final Logger LOG = Logger.getLogger(OrderFactRecoveryJob.class);

    private final AgroalDataSource dataSource;
    private final ImportFollowUp followUp;

    public OrderFactRecoveryJob(AgroalDataSource dataSource, ImportFollowUp followUp) {
        this.dataSource = dataSource;
        this.followUp = followUp;
    }

    // After the flow catalog has loaded (default priority), so the kept orders find their flows.
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent event) {
        Thread thread = new Thread(this::recover, "order-fact-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    void recover() {
        try (Connection connection = dataSource.getConnection()) {
            int folded = OrderFactFolds.recoverAbandoned(connection, followUp);
            if (folded > 0) {
                LOG.infof("Folded the customer facts of %d interrupted order import(s)", folded);
            }
        } catch (Exception e) {
            LOG.warn("Could not fold the facts of interrupted order imports; the next order import will", e);
        }
    }
}
