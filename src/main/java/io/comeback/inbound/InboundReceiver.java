package io.comeback.inbound;

import io.agroal.api.AgroalDataSource;
import io.comeback.enrollment.WakeUpWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Where every gateway hands inbound texts. Stored once by provider id (a retried webhook gets the same answer and
 * changes nothing), then routed ({@link InboundRouter}) and the route recorded, in one transaction.
 */
@ApplicationScoped
public class InboundReceiver implements InboundSmsSink {

    private final AgroalDataSource dataSource;
    private final InboundMessageStore messages;
    private final InboundRouter router;
    private final WakeUpWorkers workers;
    private final Clock clock;

    public InboundReceiver(
            AgroalDataSource dataSource,
            InboundMessageStore messages,
            InboundRouter router,
            WakeUpWorkers workers,
            Clock clock) {
        this.dataSource = dataSource;
        this.messages = messages;
        this.router = router;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Optional<String> receive(InboundSms sms) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> stored = messages.store(c, sms, clock.instant());
            if (stored.isEmpty()) {
                return messages.answer(c, sms.providerMessageId());
            }
            InboundRoute route = router.route(c, sms, stored.get());
            messages.routed(c, stored.get(), route);
            if (!route.isInbox()) {
                workers.nudge();
            }
            return Optional.ofNullable(route.answer());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store inbound message " + sms.providerMessageId(), e);
        }
    }
}
