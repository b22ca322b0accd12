package io.comeback.audience;

import io.comeback.engine.model.ConsentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** A validated customer, ready to be stored: phone in E.164, zone and locale resolved. */
public record CustomerDraft(
        String externalId,
        String phone,
        String firstName,
        String lastName,
        String email,
        String locale,
        ZoneId timeZone,
        LocalDate birthday,
        Map<String, Object> attributes,
        Consent consent) {

    /** {@code consent} is null when the input said nothing about consent: the stored one is kept. */
    public record Consent(ConsentStatus status, String source, String text, Instant at) {}
}
