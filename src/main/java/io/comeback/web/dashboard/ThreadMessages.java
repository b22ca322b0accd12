package io.comeback.web.dashboard;

import io.comeback.inbound.ConversationThread;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A thread as the conversation page shows it: who wrote each text, when, and what became of it. */
@ApplicationScoped
public class ThreadMessages {

    /**
     * @param who         "Nora", "Flow feedback · ask_nps", "Reply by Kari", "Automatic answer"
     * @param status      for a text they got: its delivery status; for theirs: where it went
     * @param statusClass the CSS class of the status ({@code msg-delivered}, {@code msg-failed}…)
     */
    @TemplateData
    public record Message(
            String at, boolean inbound, String kind, String who, String body, String status, String statusClass) {}

    private final Formats formats;
    private final FlowNames names;

    public ThreadMessages(Formats formats, FlowNames names) {
        this.formats = formats;
        this.names = names;
    }

    public List<Message> of(List<ConversationThread.Item> items, String person) {
        return items.stream().map(i -> message(i, person)).toList();
    }

    private Message message(ConversationThread.Item i, String person) {
        String who = switch (i.kind()) {
            case TEXT -> person;
            case FLOW -> "Flow " + names.of(i.flowId()) + (i.stepId() == null ? "" : " · " + i.stepId());
            case REPLY -> "Reply by " + i.sentBy();
            case AUTOMATIC -> "Automatic answer";
        };
        String status = i.inbound() ? route(i) : delivery(i);
        return new Message(
                formats.time(i.at()),
                i.inbound(),
                i.kind().name().toLowerCase(java.util.Locale.ROOT),
                who,
                i.body(),
                status,
                i.inbound() ? "" : "msg-" + i.status());
    }

    private String route(ConversationThread.Item i) {
        if (i.status() == null) {
            return "";
        }
        return switch (i.status()) {
            case "inbox" -> "for a person";
            case "enrollment" -> "answer to flow " + (i.flowId() == null ? "" : names.of(i.flowId()));
            case "keyword" -> "keyword: started flow " + (i.flowId() == null ? "" : names.of(i.flowId()));
            case "keyword_confirmation" -> "keyword: asked to confirm";
            case "opt_out" -> "STOP: opted out";
            case "resubscribe" -> "START: opted in again";
            case "help" -> "HELP";
            default -> i.status();
        };
    }

    private static String delivery(ConversationThread.Item i) {
        if ("answered".equals(i.status())) {
            return "answered at once";
        }
        String reason = i.statusReason() == null ? "" : " (" + i.statusReason().replace('_', ' ') + ")";
        return i.status() + reason;
    }
}
