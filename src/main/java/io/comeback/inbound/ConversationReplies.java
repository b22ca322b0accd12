package io.comeback.inbound;

import io.comeback.messaging.PersonReplies;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** A reply written in a conversation: sent the way of every text ({@link PersonReplies}); the thread is then read. */
@ApplicationScoped
public class ConversationReplies {

    private final ConversationStore conversations;
    private final PersonReplies replies;
    private final Clock clock;

    public ConversationReplies(ConversationStore conversations, PersonReplies replies, Clock clock) {
        this.conversations = conversations;
        this.replies = replies;
        this.clock = clock;
    }

    /** Empty when there is no such conversation. */
    public Optional<PersonReplies.Outcome> reply(long conversationId, String body, String by) {
        Optional<ConversationStore.Recipient> to = conversations.recipient(conversationId);
        if (to.isEmpty()) {
            return Optional.empty();
        }
        ConversationStore.Recipient r = to.get();
        PersonReplies.Outcome outcome =
                replies.send(new PersonReplies.Reply(r.customerId(), r.phone(), body, by, r.lastInboundAt()));
        if (outcome instanceof PersonReplies.Written) {
            conversations.markRead(conversationId, clock.instant());
        }
        return Optional.of(outcome);
    }
}
