package io.comeback.engine.run;

import io.comeback.engine.model.ConsentStatus;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the interpreter may know about the customer at the moment of a decision.
 *
 * @param locale   BCP-47 tag such as {@code nb-NO}; chooses the language of texts
 * @param timeZone the recipient's zone: quiet hours and local times are resolved in it
 * @param rfm      the customer's RFM scores; null for a customer who never ordered
 * @param facts    what the customer's orders say ({@code customer.facts.*}); {@link CustomerFacts#NONE} when unknown
 */
public record CustomerView(
        String id,
        String firstName,
        String lastName,
        String email,
        String phone,
        String locale,
        ZoneId timeZone,
        Map<String, String> attributes,
        Set<String> tags,
        ConsentStatus consent,
        RfmScores rfm,
        CustomerFacts facts) {

    public CustomerView(
            String id,
            String firstName,
            String lastName,
            String email,
            String phone,
            String locale,
            ZoneId timeZone,
            Map<String, String> attributes,
            Set<String> tags,
            ConsentStatus consent,
            RfmScores rfm) {
        this(id, firstName, lastName, email, phone, locale, timeZone, attributes, tags, consent, rfm, null);
    }

    public CustomerView(
            String id,
            String firstName,
            String lastName,
            String email,
            String phone,
            String locale,
            ZoneId timeZone,
            Map<String, String> attributes,
            Set<String> tags,
            ConsentStatus consent) {
        this(id, firstName, lastName, email, phone, locale, timeZone, attributes, tags, consent, null);
    }

    public CustomerView {
        Objects.requireNonNull(timeZone, "timeZone");
        attributes = Map.copyOf(attributes);
        tags = Set.copyOf(tags);
        consent = consent == null ? ConsentStatus.UNKNOWN : consent;
        facts = facts == null ? CustomerFacts.NONE : facts;
    }

    public CustomerView withAttribute(String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(attributes);
        copy.put(name, value);
        return new CustomerView(
                id, firstName, lastName, email, phone, locale, timeZone, copy, tags, consent, rfm, facts);
    }

    public CustomerView withConsent(ConsentStatus status) {
        return new CustomerView(
                id, firstName, lastName, email, phone, locale, timeZone, attributes, tags, status, rfm, facts);
    }

    public CustomerView withTags(Set<String> newTags) {
        return new CustomerView(
                id, firstName, lastName, email, phone, locale, timeZone, attributes, newTags, consent, rfm, facts);
    }

    public CustomerView withFacts(CustomerFacts newFacts) {
        return new CustomerView(
                id, firstName, lastName, email, phone, locale, timeZone, attributes, tags, consent, rfm, newFacts);
    }
}
