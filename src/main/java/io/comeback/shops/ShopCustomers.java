package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.Locales;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.PhoneSuppressions;
import io.comeback.support.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
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
 * Runs in the caller's transaction; one delivery at a time per shop customer (a transaction lock). The statements
 * are {@link ShopCustomerStore}'s.
 */
@ApplicationScoped
public class ShopCustomers {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

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
                ShopCustomerStore.remember(c, platform, shop.shopId(), id, shop.updatedAt());
            }
            return Optional.of(new Resolved(id, created, true));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a customer of " + platform.wire(), e);
        }
    }

    private Optional<Resolved> linked(
            Connection c, ShopPlatform platform, ShopCustomer shop, String phone, String email) throws SQLException {
        Optional<ShopCustomerStore.Link> link = ShopCustomerStore.link(c, platform, shop.shopId());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        long id = link.get().customerId();
        Instant appliedAt = link.get().appliedAt();
        boolean current = shop.updatedAt() == null
                || appliedAt == null
                || !shop.updatedAt().isBefore(appliedAt);
        if (current) {
            update(c, id, shop, phone, email);
            ShopCustomerStore.remember(c, platform, shop.shopId(), id, shop.updatedAt());
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
        ShopCustomerStore.updateDetails(c, id, blankToNull(shop.firstName()), blankToNull(shop.lastName()), email);
        if (phone != null && ShopCustomerStore.takePhone(c, id, phone)) {
            suppressions.applyTo(c, List.of(phone));
        }
        consents.apply(c, id, shop.consent());
    }

    private static Optional<Long> byPhone(String phone) {
        return phone == null ? Optional.empty() : Customer.findByPhone(phone).map(customer -> customer.id);
    }

    private static Optional<Long> byEmail(Connection c, String email) {
        return email == null ? Optional.empty() : ShopCustomerStore.byEmail(c, email);
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
