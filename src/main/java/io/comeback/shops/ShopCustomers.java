package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.Locales;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.support.AdvisoryLocks;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the Comeback customer a shop's customer is, creating them when there is none, and brings their contact
 * details and consent up to date. Found by the shop's id (a link remembered from before), then by phone, then by
 * e-mail; a customer first seen through a shop is created as {@code shopify-<id>} / {@code woo-<id>} (a guest as
 * {@code …-guest-<order id>}). What the shop leaves out is kept; a number another customer has is not taken from them.
 * Runs in the caller's transaction; one delivery at a time per shop customer (a transaction lock).
 */
@ApplicationScoped
public class ShopCustomers {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private static final String LINK = """
            SELECT l.customer_id, l.shop_updated_at FROM shop_customer_links l
            JOIN customers c ON c.id = l.customer_id AND c.erased_at IS NULL
            WHERE l.platform = ? AND l.shop_customer_id = ?""";
    private static final String REMEMBER = """
            INSERT INTO shop_customer_links (platform, shop_customer_id, customer_id, shop_updated_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (platform, shop_customer_id) DO UPDATE SET customer_id = excluded.customer_id,
                shop_updated_at = CASE WHEN shop_customer_links.customer_id = excluded.customer_id
                                       THEN greatest(shop_customer_links.shop_updated_at, excluded.shop_updated_at)
                                       ELSE excluded.shop_updated_at END""";
    private static final String BY_EMAIL = """
            SELECT id FROM customers WHERE lower(email) = lower(?) AND erased_at IS NULL ORDER BY id LIMIT 1""";
    private static final String UPDATE = """
            UPDATE customers SET first_name = coalesce(?, first_name), last_name = coalesce(?, last_name),
                email = coalesce(?, email), updated_at = now()
            WHERE id = ? AND erased_at IS NULL""";
    // A number is taken only when no other living customer has it (one person per number); a new number may reach
    // the person again, so an unreachable mark of the old one goes.
    private static final String NEW_PHONE = """
            UPDATE customers c SET phone = ?, unreachable_since = NULL, unreachable_reason = NULL, updated_at = now()
            WHERE c.id = ? AND c.erased_at IS NULL AND c.phone IS DISTINCT FROM ?
              AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.phone = ? AND o.id <> c.id AND o.erased_at IS NULL)""";

    /** The customer, whether they were created now, and whether the record was news (not older than one applied). */
    public record Resolved(long customerId, boolean created, boolean current) {}

    private final AgroalDataSource dataSource;
    private final CustomerService customers;
    private final PhoneNumbers phones;
    private final PhoneSuppressions suppressions;
    private final ShopConsents consents;

    public ShopCustomers(
            AgroalDataSource dataSource,
            CustomerService customers,
            PhoneNumbers phones,
            PhoneSuppressions suppressions,
            ShopConsents consents) {
        this.dataSource = dataSource;
        this.customers = customers;
        this.phones = phones;
        this.suppressions = suppressions;
        this.consents = consents;
    }

    /** Empty when there is nothing to know the person by (no shop id, number or e-mail). */
    public Optional<Resolved> resolve(ShopPlatform platform, ShopCustomer shop) {
        String phone = phone(shop.phone());
        String email = email(shop.email());
        if (shop.shopId() == null && phone == null && email == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            String lockKey = platform.wire() + ":"
                    + (shop.shopId() != null ? shop.shopId() : "guest:" + (phone != null ? phone : email));
            AdvisoryLocks.SHOP_CUSTOMER.transactionLock(c, lockKey);
            if (shop.shopId() != null) {
                Optional<Resolved> linked = linked(c, platform, shop, phone, email);
                if (linked.isPresent()) {
                    return linked;
                }
            }
            Optional<Long> found = byPhone(phone).or(() -> byEmail(c, email));
            boolean created = false;
            long id;
            if (found.isPresent()) {
                id = found.get();
                update(c, id, shop, phone, email);
            } else {
                Optional<Customer> earlier = Customer.findLiving(shop.newExternalId());
                if (earlier.isPresent()) {
                    id = earlier.get().id;
                    update(c, id, shop, phone, email);
                } else {
                    id = create(shop, phone, email);
                    created = true;
                }
            }
            if (shop.shopId() != null) {
                remember(c, platform, shop.shopId(), id, shop.updatedAt());
            }
            return Optional.of(new Resolved(id, created, true));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a customer of " + platform.wire(), e);
        }
    }

    private Optional<Resolved> linked(
            Connection c, ShopPlatform platform, ShopCustomer shop, String phone, String email) throws SQLException {
        long id;
        Instant appliedAt;
        try (PreparedStatement st = c.prepareStatement(LINK)) {
            st.setString(1, platform.wire());
            st.setString(2, shop.shopId());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
                appliedAt = Jdbc.getInstant(rs, 2);
            }
        }
        boolean current = shop.updatedAt() == null
                || appliedAt == null
                || !shop.updatedAt().isBefore(appliedAt);
        if (current) {
            update(c, id, shop, phone, email);
            remember(c, platform, shop.shopId(), id, shop.updatedAt());
        }
        return Optional.of(new Resolved(id, false, current));
    }

    private long create(ShopCustomer shop, String phone, String email) {
        ShopCustomer.Consent consent = shop.consent();
        CustomerService.PutResult result = customers.put(
                shop.newExternalId(),
                new CustomerInput(
                        phone,
                        shop.firstName(),
                        shop.lastName(),
                        email,
                        shop.locale() != null
                                        && Locales.normalize(shop.locale()).isPresent()
                                ? shop.locale()
                                : null,
                        null,
                        null,
                        null,
                        consent == null
                                ? null
                                : new CustomerInput.ConsentInput(
                                        consent.status().yamlName(),
                                        consent.source(),
                                        null,
                                        consent.at() == null
                                                ? null
                                                : consent.at().toString())));
        if (result instanceof CustomerService.Stored stored) {
            return stored.customer().id;
        }
        CustomerService.Rejected rejected = (CustomerService.Rejected) result;
        // Another delivery took the number meanwhile; the retry finds that customer by it.
        throw new IllegalStateException("Could not create customer " + shop.newExternalId() + ": "
                + rejected.violations().stream()
                        .map(v -> v.field() + " " + v.message())
                        .toList());
    }

    private void update(Connection c, long id, ShopCustomer shop, String phone, String email) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPDATE)) {
            st.setString(1, blankToNull(shop.firstName()));
            st.setString(2, blankToNull(shop.lastName()));
            st.setString(3, email);
            st.setLong(4, id);
            st.executeUpdate();
        }
        if (phone != null) {
            int changed;
            try (PreparedStatement st = c.prepareStatement(NEW_PHONE)) {
                st.setString(1, phone);
                st.setLong(2, id);
                st.setString(3, phone);
                st.setString(4, phone);
                changed = st.executeUpdate();
            }
            if (changed > 0) {
                suppressions.applyTo(c, List.of(phone));
            }
        }
        consents.apply(c, id, shop.consent());
    }

    private static void remember(Connection c, ShopPlatform platform, String shopId, long id, Instant updatedAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(REMEMBER)) {
            st.setString(1, platform.wire());
            st.setString(2, shopId);
            st.setLong(3, id);
            Jdbc.setInstant(st, 4, updatedAt);
            st.executeUpdate();
        }
    }

    private static Optional<Long> byPhone(String phone) {
        return phone == null ? Optional.empty() : Customer.findByPhone(phone).map(customer -> customer.id);
    }

    private static Optional<Long> byEmail(Connection c, String email) {
        if (email == null) {
            return Optional.empty();
        }
        try (PreparedStatement st = c.prepareStatement(BY_EMAIL)) {
            st.setString(1, email);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look a customer up by e-mail", e);
        }
    }

    /** The number in E.164, or null when the shop's is missing or not a number (the rest of the record still counts). */
    private String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return phones.normalize(raw).e164();
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            return null;
        }
    }

    private static String email(String raw) {
        String email = blankToNull(raw);
        return email != null && EMAIL.matcher(email).matches() ? email : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
