package io.comeback.gateway.twilio;

import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.StatusUpdateSink;
import io.comeback.messaging.port.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test stand-in for the runtime's status handling: records every update and keeps the status per
 * SID with the same forward-only rule the ledger applies. Enabled by {@link TwilioWebhookProfile} only.
 */
@Alternative
@ApplicationScoped
public class RecordingStatusUpdateSink implements StatusUpdateSink {

    private final List<StatusUpdate> applied = new CopyOnWriteArrayList<>();
    private final Map<String, DeliveryStatus> current = new ConcurrentHashMap<>();

    @Override
    public void apply(StatusUpdate update) {
        applied.add(update);
        current.merge(update.providerMessageId(), update.status(), (was, next) -> was.canMoveTo(next) ? next : was);
    }

    /** Through a method: test code holds a client proxy, whose fields are not the bean's. */
    DeliveryStatus currentStatus(String sid) {
        return current.get(sid);
    }

    List<StatusUpdate> appliedFor(String sid) {
        return applied.stream().filter(u -> u.providerMessageId().equals(sid)).toList();
    }
}
