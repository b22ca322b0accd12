package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.referrals.Referrals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Customer use cases: upsert from a shop, read with derived facts (erasure is {@code privacy.PersonErasure}). */
@ApplicationScoped
public class CustomerService {

    private final AgroalDataSource dataSource;
    private final CustomerValidator validator;
    private final CustomerStore store;
    private final ConsentLedger ledger;
    private final PhoneSuppressions suppressions;
    private final Referrals referrals;
    private final java.time.Clock clock;
    private final jakarta.enterprise.event.Event<AudienceEvents.CustomerCreated> created;

    public CustomerService(
            AgroalDataSource dataSource,
            CustomerValidator validator,
            CustomerStore store,
            ConsentLedger ledger,
            PhoneSuppressions suppressions,
            Referrals referrals,
            java.time.Clock clock,
            jakarta.enterprise.event.Event<AudienceEvents.CustomerCreated> created) {
        this.dataSource = dataSource;
        this.validator = validator;
        this.store = store;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.referrals = referrals;
        this.clock = clock;
        this.created = created;
    }

    public sealed interface PutResult permits Stored, Rejected {}

    public record Stored(Customer customer, boolean created) implements PutResult {}

    /** {@code conflict} is true when the input was valid but collides with another customer. */
    public record Rejected(List<FieldViolation> violations, boolean conflict) implements PutResult {}

    /**
     * @throws io.comeback.audience.referrals.ReferralRefused when {@code referredBy} cannot be recorded; nothing of
     *     the request is then stored
     */
    @Transactional
    public PutResult put(String externalId, CustomerInput input) {
        CustomerValidator.Result result = validator.validate(externalId, input);
        if (result instanceof CustomerValidator.Invalid invalid) {
            return new Rejected(invalid.violations(), false);
        }
        CustomerDraft draft = ((CustomerValidator.Valid) result).draft();
        if (draft.phone() != null) {
            Optional<String> owner = store.phoneOwner(draft.phone(), externalId);
            if (owner.isPresent()) {
                return new Rejected(
                        List.of(new FieldViolation(
                                "phone", draft.phone() + " already belongs to customer '" + owner.get() + "'")),
                        true);
            }
        }
        Optional<CustomerStore.StoredConsent> before = store.lockConsent(externalId);
        CustomerStore.Upserted upserted = store.upsert(draft);
        recordConsentChange(upserted.id(), draft, before);
        applyPhoneSuppression(draft.phone());
        if (input.referredBy() != null && !input.referredBy().isBlank()) {
            referrals.record(upserted.id(), externalId, input.referredBy(), clock.instant());
        }
        Customer customer = Customer.findById(upserted.id());
        if (upserted.inserted()) {
            created.fire(new AudienceEvents.CustomerCreated(upserted.id()));
        }
        return new Stored(customer, upserted.inserted());
    }

    /** A number that texted STOP before it was this customer's keeps them opted out ({@link PhoneSuppressions}). */
    private void applyPhoneSuppression(String phone) {
        if (phone == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            suppressions.applyTo(c, List.of(phone));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the opt-outs of " + phone, e);
        }
    }

    private void recordConsentChange(
            long customerId, CustomerDraft draft, Optional<CustomerStore.StoredConsent> before) {
        CustomerDraft.Consent consent = draft.consent();
        if (consent == null) {
            return;
        }
        String beforeStatus = before.map(CustomerStore.StoredConsent::status).orElse(null);
        Instant beforeAt = before.map(CustomerStore.StoredConsent::at).orElse(null);
        if (ConsentLedger.isChange(beforeStatus, beforeAt, consent.status().yamlName(), consent.at())) {
            ledger.append(new ConsentLedger.Entry(
                    customerId,
                    draft.phone(),
                    beforeStatus,
                    consent.status().yamlName(),
                    consent.source(),
                    consent.text(),
                    null,
                    consent.at()));
        }
    }

    @Transactional
    public Optional<Customer> find(String externalId) {
        return Customer.findLiving(externalId);
    }
}
