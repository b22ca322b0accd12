package io.comeback.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.audience.ConsentHistory;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.messaging.MessageStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The shape of an access request's answer ({@link PersonalDataExport}): one record per kind of data held. */
public final class PersonalData {

    private PersonalData() {}

    public record Export(
            Instant exportedAt,
            Profile customer,
            List<ConsentHistory.Change> consentHistory,
            List<Order> orders,
            List<Event> events,
            List<EnrollmentStore.EnrollmentView> enrollments,
            List<MessageStore.Message> messagesSent,
            List<Received> messagesReceived,
            List<Coupon> coupons,
            List<SurveyAnswer> surveyAnswers,
            List<ShortLink> links,
            Referral referral,
            List<CampaignEntry> campaignEntries) {}

    /** A keyword entry to a campaign (a competition, a sign-up): the campaign, the word texted, when. */
    public record CampaignEntry(String campaignId, String keyword, Instant enteredAt) {}

    public record Profile(
            String externalId,
            String phone,
            String firstName,
            String lastName,
            String email,
            String locale,
            String timeZone,
            LocalDate birthday,
            JsonNode attributes,
            List<String> tags,
            Consent consent,
            Facts facts,
            Unreachable unreachable,
            Instant createdAt,
            Instant updatedAt) {}

    public record Consent(String status, String source, String text, Instant at) {}

    public record Facts(
            int ordersCount,
            Instant firstOrderAt,
            Instant lastOrderAt,
            BigDecimal totalSpent,
            Instant lastEngagedAt,
            String favouriteCategory,
            String lastProduct) {}

    public record Unreachable(Instant since, String reason) {}

    /** {@code total}: the amount ordered; {@code refunded}: what was refunded of it. */
    public record Order(
            String orderId,
            String status,
            BigDecimal total,
            BigDecimal refunded,
            String currency,
            Instant placedAt,
            String couponCode,
            JsonNode items) {}

    public record Event(String type, Instant at, JsonNode properties) {}

    public record Received(
            Instant receivedAt,
            String from,
            String to,
            String body,
            String routedTo,
            String flowId,
            String answer,
            Instant handledAt) {}

    public record Coupon(String code, String flowId, String stepId, Instant issuedAt, Instant expiresAt) {}

    public record SurveyAnswer(String flowId, String stepId, int score, Instant answeredAt) {}

    /** A short link made for one of the texts sent to the person, and when they first followed it. */
    public record ShortLink(
            String code,
            String flowId,
            String campaignId,
            String stepId,
            String linkName,
            String target,
            Instant createdAt,
            Instant clickedAt) {}

    /**
     * The person's referral code (null until one was made), when they were referred and when that referral converted
     * (their first order), and how many customers they referred. Who referred them, or whom they referred, is someone
     * else's data and is not named.
     */
    public record Referral(String code, Instant referredAt, Instant convertedAt, long referred) {}
}
