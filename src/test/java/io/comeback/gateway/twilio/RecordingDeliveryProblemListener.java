package io.comeback.gateway.twilio;

import io.comeback.messaging.port.DeliveryProblemListener;
import io.comeback.messaging.port.DeliveryProblemReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test stand-in for the runtime's reaction to delivery problems. Enabled by {@link TwilioWebhookProfile} only. */
@Alternative
@ApplicationScoped
public class RecordingDeliveryProblemListener implements DeliveryProblemListener {

    private final List<DeliveryProblemReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void onDeliveryProblem(DeliveryProblemReport report) {
        reports.add(report);
    }

    List<DeliveryProblemReport> reportsFor(String phone) {
        return reports.stream().filter(r -> r.phone().equals(phone)).toList();
    }
}
