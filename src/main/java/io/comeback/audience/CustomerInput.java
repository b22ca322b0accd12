package io.comeback.audience;

import java.util.Map;

/**
 * A customer as a shop sends it (JSON body or CSV row), before validation. Dates, zones and
 * instants arrive as text so that a bad value is reported against its own field. {@code referredBy}
 * is the referral code a new customer signed up with (README "Referrals"); it is recorded, not stored
 * on the customer, and leaving it out later changes nothing.
 */
public record CustomerInput(
        String phone,
        String firstName,
        String lastName,
        String email,
        String locale,
        String timeZone,
        String birthday,
        Map<String, Object> attributes,
        ConsentInput consent,
        String referredBy) {

    /** A customer without a referral code. */
    public CustomerInput(
            String phone,
            String firstName,
            String lastName,
            String email,
            String locale,
            String timeZone,
            String birthday,
            Map<String, Object> attributes,
            ConsentInput consent) {
        this(phone, firstName, lastName, email, locale, timeZone, birthday, attributes, consent, null);
    }

    public record ConsentInput(String status, String source, String text, String at) {}
}
