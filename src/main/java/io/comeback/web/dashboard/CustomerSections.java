package io.comeback.web.dashboard;

import io.comeback.audience.ConsentHistory;
import io.comeback.audience.Customer;
import io.comeback.audience.FollowUps;
import io.comeback.audience.rfm.RfmModel;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.inbound.ConversationStore;
import io.comeback.messaging.MessageStore;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sections of the customer page below the profile: RFM, attributes, tags and the follow-up, enrollments (with
 * "remove from flow"), NPS answers, consent history, texts and clicks.
 */
@ApplicationScoped
public class CustomerSections {

    static final int TEXTS = 50;
    static final int ROWS = 100;

    @TemplateData
    public record Rfm(int recency, int frequency, int monetary, String code) {}

    @TemplateData
    public record Attribute(String name, String value) {}

    @TemplateData
    public record Enrollment(
            long id,
            String flowId,
            String flowName,
            String version,
            String status,
            String step,
            String enteredAt,
            String next,
            String ended,
            boolean running) {}

    @TemplateData
    public record Nps(String at, int score, String group, String flowId, String flowName) {}

    @TemplateData
    public record Consent(String at, String change, String status, String source) {}

    @TemplateData
    public record Text(String at, String source, String body, String status, String statusClass, Integer segments) {}

    @TemplateData
    public record Click(String at, String link) {}

    @TemplateData
    public record FollowUp(String at, String by) {}

    @TemplateData
    public record Sections(
            Rfm rfm,
            List<Attribute> attributes,
            List<String> tags,
            boolean needsFollowUp,
            List<FollowUp> followUps,
            Long conversationId,
            List<Enrollment> enrollments,
            List<Nps> nps,
            List<Consent> consent,
            List<Text> texts,
            List<Click> clicks) {}

    private final CustomerActivityStore activity;
    private final RfmModel rfm;
    private final EnrollmentStore enrollments;
    private final MessageStore messages;
    private final ConsentHistory consent;
    private final FollowUps followUps;
    private final ConversationStore conversations;
    private final Formats formats;
    private final Clock clock;
    private final FlowNames names;

    public CustomerSections(
            CustomerActivityStore activity,
            RfmModel rfm,
            EnrollmentStore enrollments,
            MessageStore messages,
            ConsentHistory consent,
            FollowUps followUps,
            ConversationStore conversations,
            Formats formats,
            Clock clock,
            FlowNames names) {
        this.names = names;
        this.activity = activity;
        this.rfm = rfm;
        this.enrollments = enrollments;
        this.messages = messages;
        this.consent = consent;
        this.followUps = followUps;
        this.conversations = conversations;
        this.formats = formats;
        this.clock = clock;
    }

    public Sections of(Customer c) {
        List<String> tags = activity.tags(c.id);
        Map<String, Object> attributes = c.attributes == null ? Map.of() : new TreeMap<>(c.attributes);
        List<Consent> changes = new ArrayList<>(consent.of(c.id, c.phone).stream()
                .map(x -> new Consent(
                        formats.time(x.at()),
                        x.change().replace('_', '-'),
                        x.status().replace('_', ' '),
                        x.source() == null ? "" : x.source() + (x.keyword() == null ? "" : " · " + x.keyword())))
                .toList());
        Collections.reverse(changes);
        return new Sections(
                rfm.scores(c.id, clock.instant())
                        .map(s -> new Rfm(s.recency(), s.frequency(), s.monetary(), s.code()))
                        .orElse(null),
                attributes.entrySet().stream()
                        .map(e -> new Attribute(e.getKey(), String.valueOf(e.getValue())))
                        .toList(),
                tags,
                tags.contains(FollowUps.TAG),
                followUps.history(c.id).stream()
                        .map(h -> new FollowUp(formats.time(h.handledAt()), h.handledBy()))
                        .toList(),
                conversations.ofCustomer(c.id).orElse(null),
                enrollments.ofCustomer(c.id).stream().map(this::enrollment).toList(),
                activity.nps(c.id, ROWS).stream()
                        .map(a -> new Nps(
                                formats.time(a.at()), a.score(), group(a.score()), a.flowId(), names.of(a.flowId())))
                        .toList(),
                changes,
                messages.ofCustomer(c.id, TEXTS).stream().map(this::text).toList(),
                activity.clicks(c.id, ROWS).stream()
                        .map(k -> new Click(
                                formats.time(k.at()), k.link() != null ? k.link() : k.url() != null ? k.url() : "–"))
                        .toList());
    }

    private Enrollment enrollment(EnrollmentStore.EnrollmentView e) {
        boolean running = e.exitedAt() == null;
        String ended = running
                ? null
                : formats.time(e.exitedAt())
                        + (e.exitReason() == null ? "" : " · " + e.exitReason().replace('_', ' '))
                        + (e.exitLabel() == null || e.exitLabel().equals(e.exitReason())
                                ? ""
                                : " (" + e.exitLabel().replace('_', ' ') + ")");
        return new Enrollment(
                e.id(),
                e.flowId(),
                names.of(e.flowId()),
                e.flowVersion() == null
                        ? ""
                        : e.flowVersion()
                                .substring(0, Math.min(8, e.flowVersion().length())),
                e.status().replace('_', ' '),
                e.stepId(),
                formats.time(e.enteredAt()),
                running && e.nextWakeAt() != null ? formats.time(e.nextWakeAt()) : null,
                ended,
                running);
    }

    private Text text(MessageStore.Message m) {
        String source = m.sentBy() != null
                ? "Reply by " + m.sentBy()
                : m.flowId() != null
                        ? "Flow " + names.of(m.flowId()) + (m.stepId() == null ? "" : " · " + m.stepId())
                        : "Automatic";
        String reason = m.statusReason() == null ? "" : " (" + m.statusReason().replace('_', ' ') + ")";
        return new Text(
                formats.time(m.createdAt()), source, m.body(), m.status() + reason, "msg-" + m.status(), m.segments());
    }

    /** NPS groups: promoters 9–10, passives 7–8, detractors 0–6. */
    static String group(int score) {
        return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    }
}
