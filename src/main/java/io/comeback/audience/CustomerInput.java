package io.comeback.audience;

import java.util.Map;

/**
 * A customer as a shop sends it (JSON body or CSV row), before validation. Dates, zones and
 * instants arrive as text so that a bad value is reported against its own field. {@code referredBy}
 * is the referral code a new customer signed up with (README "Referrals"); it is recorded, not stored
 * on the customer, and leaving it out later changes nothing. {@code country} (ISO 3166 alpha-2) is the country a
 * phone number without a country code is read in; it is kept as the attribute {@code country}.
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
        String referredBy,
        String country) {

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
        this(phone, firstName, lastName, email, locale, timeZone, birthday, attributes, consent, null, null);
    }

    public record ConsentInput(String status, String source, String text, String at) {}
}
