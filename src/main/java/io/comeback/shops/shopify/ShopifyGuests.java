package io.comeback.shops.shopify;

import io.comeback.audience.CustomerDraft;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerValidator;
import io.comeback.audience.FieldViolation;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customers of a batch of exported orders that nobody is yet: created as the webhooks create a guest,
 * {@code shopify-guest-<order id>}, once per person in the batch (the same number or e-mail is one guest), all in one
 * statement. A number that texted STOP before starts opted out, as for any new customer.
 */
final class ShopifyGuests {

    private static final String INSERT = """
            INSERT INTO customers (external_id, phone, first_name, last_name, email, time_zone)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                 CAST(? AS text[]), CAST(? AS text[]))
            ON CONFLICT DO NOTHING
            RETURNING phone""";

    private final CustomerValidator validator;
    private final PhoneSuppressions suppressions;
    private final Map<String, CustomerDraft> byKey = new HashMap<>();
    private final List<CustomerDraft> created = new ArrayList<>();

    ShopifyGuests(CustomerValidator validator, PhoneSuppressions suppressions) {
        this.validator = validator;
        this.suppressions = suppressions;
    }

    /** The guest the order's buyer is (one already planned for the same number or e-mail), or why there is none. */
    Result guestFor(ShopifyOrderRows.Order o) {
        String phoneKey = o.phone() == null ? null : "p:" + o.phone();
        String emailKey = o.email() == null ? null : "e:" + o.email().toLowerCase(Locale.ROOT);
        if (phoneKey == null && emailKey == null) {
            return new Refused(new FieldViolation("Email", "no valid phone or e-mail to know the buyer by"));
        }
        CustomerDraft known = Optional.ofNullable(phoneKey == null ? null : byKey.get(phoneKey))
                .orElseGet(() -> emailKey == null ? null : byKey.get(emailKey));
        if (known != null) {
            return new Guest(known.externalId());
        }
        CustomerValidator.Result r = validator.validate(
                "shopify-guest-" + o.id(),
                new CustomerInput(o.phone(), o.firstName(), o.lastName(), o.email(), null, null, null, null, null));
        if (r instanceof CustomerValidator.Invalid invalid) {
            FieldViolation v = invalid.violations().get(0);
            return new Refused(new FieldViolation(ShopifyOrderExport.columnOf(v.field()), v.message()));
        }
        CustomerDraft draft = ((CustomerValidator.Valid) r).draft();
        created.add(draft);
        if (phoneKey != null) {
            byKey.put(phoneKey, draft);
        }
        if (emailKey != null) {
            byKey.put(emailKey, draft);
        }
        return new Guest(draft.externalId());
    }

    sealed interface Result permits Guest, Refused {}

    record Guest(String externalId) implements Result {}

    record Refused(FieldViolation why) implements Result {}

    /** Creates the guests planned since the last call. */
    void create(Connection c) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        List<String> phones = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setArray(1, SqlArrays.texts(c, created, CustomerDraft::externalId));
            st.setArray(2, SqlArrays.texts(c, created, CustomerDraft::phone));
            st.setArray(3, SqlArrays.texts(c, created, CustomerDraft::firstName));
            st.setArray(4, SqlArrays.texts(c, created, CustomerDraft::lastName));
            st.setArray(5, SqlArrays.texts(c, created, CustomerDraft::email));
            st.setArray(6, SqlArrays.texts(c, created, d -> d.timeZone().getId()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        phones.add(rs.getString(1));
                    }
                }
            }
        }
        suppressions.applyTo(c, phones);
        created.clear();
        byKey.clear();
    }
}
