package io.comeback.audience;

import io.comeback.engine.model.ConsentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a {@link CustomerInput} field by field and reports every problem at once; the same rules
 * serve the JSON API and the CSV import, so both answer alike.
 */
@ApplicationScoped
public class CustomerValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
    private static final Map<String, String> LOCALE_BY_REGION = Map.of(
            "NO", "nb-NO", "SE", "sv-SE", "DK", "da-DK", "FI", "fi-FI", "DE", "de-DE", "GB", "en-GB", "US", "en-US",
            "IE", "en-IE", "IS", "is-IS");

    private static final java.util.Set<String> ISO_COUNTRIES = java.util.Set.of(java.util.Locale.getISOCountries());

    private final PhoneNumbers phones;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final int maxAttributes;
    private final int maxAttributeValueLength;

    public CustomerValidator(PhoneNumbers phones, DefaultTimeZoneConfig defaultZone, Clock clock, LimitsConfig limits) {
        this.phones = phones;
        this.defaultZone = ZoneId.of(defaultZone.zone());
        this.clock = clock;
        this.maxAttributes = limits.attributes().maxCount();
        this.maxAttributeValueLength = limits.attributes().maxValueLength();
    }

    /** Attribute columns a CSV file may have: each is an attribute of every customer in it. */
    public int maxAttributes() {
        return maxAttributes;
    }

    public sealed interface Result permits Valid, Invalid {}

    public record Valid(CustomerDraft draft) implements Result {}

    public record Invalid(List<FieldViolation> violations) implements Result {}

    public Result validate(String externalId, CustomerInput in) {
        List<FieldViolation> errors = new ArrayList<>();
        ExternalIds.check("externalId", externalId).ifPresent(errors::add);

        String country = country(in.country(), errors);
        PhoneNumbers.Normalized phone = null;
        if (in.phone() != null && !in.phone().isBlank()) {
            try {
                phone = phones.normalize(in.phone(), country);
            } catch (PhoneNumbers.InvalidPhoneNumberException e) {
                errors.add(new FieldViolation("phone", e.getMessage()));
            }
        }
        String email = blankToNull(in.email());
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldViolation("email", "'" + email + "' is not an e-mail address"));
        }
        String locale = locale(in.locale(), phone, errors);
        ZoneId zone = zone(in.timeZone(), phone, errors);
        LocalDate birthday = birthday(in.birthday(), errors);
        Map<String, Object> attributes = attributes(in.attributes(), errors);
        if (country != null) {
            // The customer model keeps facts like this one among the attributes, where flows can use it.
            attributes.put("country", country);
        }
        CustomerDraft.Consent consent = consent(in.consent(), errors);

        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new CustomerDraft(
                externalId,
                phone == null ? null : phone.e164(),
                blankToNull(in.firstName()),
                blankToNull(in.lastName()),
                email,
                locale,
                zone,
                birthday,
                attributes,
                consent));
    }

    private static String locale(String raw, PhoneNumbers.Normalized phone, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            return phone == null ? null : LOCALE_BY_REGION.get(phone.region());
        }
        Optional<String> tag = Locales.normalize(raw);
        if (tag.isEmpty()) {
            errors.add(
                    new FieldViolation("locale", "'" + raw + "' is not a language tag; write e.g. nb-NO, sv, en-GB"));
        }
        return tag.orElse(null);
    }

    private ZoneId zone(String raw, PhoneNumbers.Normalized phone, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            return phone == null ? defaultZone : phone.zone().orElse(defaultZone);
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            errors.add(new FieldViolation(
                    "timeZone", "unknown time zone '" + raw + "'; use an IANA name such as Europe/Oslo"));
            return null;
        }
    }

    /** The country in upper case, or null when none is given or it is not an ISO 3166 alpha-2 code. */
    private static String country(String raw, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String code = raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (!ISO_COUNTRIES.contains(code)) {
            errors.add(new FieldViolation(
                    "country",
                    "'" + raw + "' is not an ISO 3166 country code; write two letters, e.g. NO, SE, DK, FI"));
            return null;
        }
        return code;
    }

    private static LocalDate birthday(String raw, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(raw.trim());
            if (!Instants.inRange(date)) {
                errors.add(new FieldViolation(
                        "birthday",
                        "'" + raw + "' is outside the range that can be stored: a date must be " + Instants.RANGE));
                return null;
            }
            return date;
        } catch (DateTimeException e) {
            errors.add(
                    new FieldViolation("birthday", "'" + raw + "' is not a date; write YYYY-MM-DD, e.g. 1990-05-17"));
            return null;
        }
    }

    private Map<String, Object> attributes(Map<String, Object> raw, List<FieldViolation> errors) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (raw == null) {
            return attributes;
        }
        if (raw.size() > maxAttributes) {
            // One violation, not one per attribute: a body of a million attributes gets a short answer.
            errors.add(new FieldViolation(
                    "attributes",
                    "at most " + maxAttributes + " attributes per customer"
                            + " (comeback.limits.attributes.max-count); this one has " + raw.size()));
            return attributes;
        }
        raw.forEach((name, value) -> {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(
                        new FieldViolation(
                                "attributes." + shortened(name),
                                "attribute names start with a letter and hold letters, digits and _ (at most 64), so flows can use them"));
                return;
            }
            long length = AttributeValues.length(value, maxAttributeValueLength);
            if (length > maxAttributeValueLength) {
                errors.add(new FieldViolation(
                        "attributes." + name,
                        "at most " + maxAttributeValueLength
                                + " characters per attribute value (comeback.limits.attributes.max-value-length); this one has "
                                + (length == AttributeValues.MORE ? "more" : length)));
                return;
            }
            attributes.put(name, value);
        });
        return attributes;
    }

    /** A field name as echoed in an answer: a name of a megabyte is not sent back whole. */
    private static String shortened(String name) {
        return name.length() <= 80 ? name : name.substring(0, 80) + "…";
    }

    private CustomerDraft.Consent consent(CustomerInput.ConsentInput raw, List<FieldViolation> errors) {
        if (raw == null) {
            return null;
        }
        if (raw.status() == null || raw.status().isBlank()) {
            errors.add(new FieldViolation("consent.status", "required: opted_in, opted_out or unknown"));
            return null;
        }
        Optional<ConsentStatus> status = ConsentStatus.fromWire(raw.status());
        if (status.isEmpty()) {
            errors.add(new FieldViolation(
                    "consent.status", "'" + raw.status() + "' is not one of opted_in, opted_out, unknown"));
        }
        Instant at = Instant.now(clock);
        if (raw.at() != null && !raw.at().isBlank()) {
            Optional<Instant> parsed = Instants.parse(raw.at());
            if (parsed.isEmpty()) {
                errors.add(new FieldViolation("consent.at", Instants.problem(raw.at(), "2026-05-17T10:00:00Z")));
            }
            at = parsed.orElse(null);
        }
        Instant givenAt = at;
        return status.map(
                        s -> new CustomerDraft.Consent(s, blankToNull(raw.source()), blankToNull(raw.text()), givenAt))
                .orElse(null);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
