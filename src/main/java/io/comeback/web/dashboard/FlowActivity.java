package io.comeback.web.dashboard;

import io.comeback.enrollment.EnrollmentStore;
import io.comeback.messaging.MessageStore;
import io.comeback.shops.ShopCodeStore;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What a flow's page lists of its recent work: the last texts, enrollments set aside, codes the shop refused. */
@ApplicationScoped
public class FlowActivity {

    static final int RECENT_MESSAGES = 20;
    static final int RECENT_FAILURES = 10;

    @TemplateData
    public record MessageRow(
            String at, String customerId, String step, String to, String body, String status, String reason) {}

    /** An enrollment of the flow set aside as failed, with its error. */
    @TemplateData
    public record FailedRow(long id, String at, String customerId, String failure) {}

    /** A code of the flow the shop did not create (its texts were blocked). */
    @TemplateData
    public record CodeRow(String at, String code, int attempts, String error) {}

    private final MessageStore messages;
    private final EnrollmentStore enrollments;
    private final ShopCodeStore codes;
    private final Formats formats;

    public FlowActivity(MessageStore messages, EnrollmentStore enrollments, ShopCodeStore codes, Formats formats) {
        this.messages = messages;
        this.enrollments = enrollments;
        this.codes = codes;
        this.formats = formats;
    }

    List<MessageRow> recentMessages(String flowId) {
        return messages.find(flowId, null, RECENT_MESSAGES).stream()
                .map(m -> new MessageRow(
                        formats.time(m.createdAt()),
                        m.customerId(),
                        m.stepId(),
                        m.to(),
                        m.body(),
                        m.status(),
                        m.statusReason() == null
                                ? (m.errorCode() == null ? "" : "error " + m.errorCode())
                                : m.statusReason()))
                .toList();
    }

    /** @param failedCount how many the flow has set aside (none: nothing is looked up) */
    List<FailedRow> failures(String flowId, long failedCount) {
        return failedCount == 0
                ? List.of()
                : enrollments.latestFailed(flowId, RECENT_FAILURES).stream()
                        .map(f -> new FailedRow(f.id(), formats.time(f.failedAt()), f.customerId(), f.failure()))
                        .toList();
    }

    long failedCodeCount(String flowId) {
        return codes.failedCount(flowId);
    }

    /** @param failedCount how many of the flow's codes the shop refused (none: nothing is looked up) */
    List<CodeRow> failedCodes(String flowId, long failedCount) {
        return failedCount == 0
                ? List.of()
                : codes.latestFailed(flowId, RECENT_FAILURES).stream()
                        .map(k -> new CodeRow(formats.time(k.issuedAt()), k.code(), k.attempts(), k.error()))
                        .toList();
    }
}
