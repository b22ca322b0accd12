package io.comeback.gateway.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import io.comeback.messaging.port.ProviderMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads messages back from Twilio's Messages API (fetch by SID, list by recipient) for reconciliation. */
final class TwilioMessageLookup {

    private final String accountSid;
    private final TwilioRestClient client;

    TwilioMessageLookup(String accountSid, TwilioRestClient client) {
        this.accountSid = accountSid;
        this.client = client;
    }

    Optional<ProviderMessage> byProviderId(String sid) {
        try {
            return Optional.of(
                    toProviderMessage(Message.fetcher(accountSid, sid).fetch(client)));
        } catch (ApiException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    List<ProviderMessage> createdFor(String to, Instant since, int limit) {
        // Twilio filters on DateSent at day precision; the exact cut is made on date_created below.
        List<ProviderMessage> found = new ArrayList<>();
        for (Message message : Message.reader(accountSid)
                .setTo(to)
                .setDateSentAfter(since.atZone(ZoneOffset.UTC).minusDays(1))
                .limit(Math.max(limit * 4L, 50))
                .read(client)) {
            ProviderMessage candidate = toProviderMessage(message);
            if (candidate.createdAt() == null || !candidate.createdAt().isBefore(since)) {
                found.add(candidate);
            }
            if (found.size() == limit) {
                break;
            }
        }
        return found;
    }

    /**
     * Messages to a recipient Twilio reports sent on or after {@code since}'s day, at most
     * {@code max}. {@code complete} is true only when every page was read: then a message not in the
     * listing was not sent to that number in that time.
     */
    record Listing(List<ProviderMessage> messages, boolean complete) {}

    Listing sentTo(String to, Instant since, int max) {
        List<ProviderMessage> messages = new ArrayList<>();
        // DateSent> compares whole days at Twilio; a day earlier never misses one sent around midnight UTC.
        for (Message message : Message.reader(accountSid)
                .setTo(to)
                .setDateSentAfter(since.atZone(ZoneOffset.UTC).minusDays(1))
                .pageSize(100)
                .read(client)) {
            if (messages.size() == max) {
                return new Listing(messages, false);
            }
            messages.add(toProviderMessage(message));
        }
        return new Listing(messages, true);
    }

    private static ProviderMessage toProviderMessage(Message m) {
        return new ProviderMessage(
                m.getSid(),
                m.getTo(),
                m.getBody(),
                m.getStatus() == null ? null : m.getStatus().toString(),
                m.getErrorCode() == null ? null : m.getErrorCode().toString(),
                m.getDateCreated() == null ? null : m.getDateCreated().toInstant());
    }
}
