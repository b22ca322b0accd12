package io.comeback.audience.referrals;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Who referred whom. A customer is referred once, by a code that is not their own nor that of someone they referred
 * themselves, and only before their first order: a referral is for new customers. The referred customer's first order
 * converts it, once; that conversion is what rewards the referrer ({@code trigger: referral_converted}). Every method
 * runs in the caller's transaction.
 */
@ApplicationScoped
public class Referrals {

    /** A referral converted by the order that was just stored. */
    public record Converted(long referrerId, String referredFirstName) {}

    /**
     * A customer's referral standing: their code and link, who referred them (the referrer's id, null when they were
     * not referred or the referrer was erased), and how many they referred and how many of those ordered.
     */
    public record Standing(
            String code,
            String link,
            String referredBy,
            Instant referredAt,
            Instant convertedAt,
            long referred,
            long converted) {}

    private final AgroalDataSource dataSource;
    private final ReferralCodes codes;

    public Referrals(AgroalDataSource dataSource, ReferralCodes codes) {
        this.dataSource = dataSource;
        this.codes = codes;
    }

    /** Empty when no living customer has this id. Makes the customer's code if they have none yet. */
    public Optional<Standing> standing(String externalId) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> id = ReferralStore.livingCustomer(c, externalId);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            String code = codes.codeFor(id.get());
            ReferralStore.Standing s = ReferralStore.standing(c, id.get());
            return Optional.of(new Standing(
                    code,
                    codes.link(code).orElse(null),
                    s.referrerExternalId(),
                    s.referredAt(),
                    s.convertedAt(),
                    s.referred(),
                    s.converted()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the referrals of customer '" + externalId + "'", e);
        }
    }

    /**
     * Records that the customer ({@code customerId}, shop id {@code externalId}) was referred by the owner of
     * {@code referredBy}. Repeating the same referral changes nothing.
     *
     * @throws ReferralRefused naming what is wrong, for the field {@code referredBy}
     */
    public void record(long customerId, String externalId, String referredBy, Instant at) {
        String code = ReferralCodes.normalized(referredBy)
                .orElseThrow(() -> new ReferralRefused(
                        "'" + referredBy + "' is not a referral code: a code is 8 letters and digits, e.g. K7M2Q9XA",
                        false));
        try (Connection c = dataSource.getConnection()) {
            ReferralStore.Owner owner = ReferralStore.owner(c, code)
                    .orElseThrow(() -> new ReferralRefused("no customer has the referral code '" + code + "'", false));
            if (owner.id() == customerId) {
                throw new ReferralRefused(
                        "'" + code + "' is customer '" + externalId + "''s own referral code: no one can refer"
                                + " themselves",
                        false);
            }
            Optional<ReferralStore.Referral> before = ReferralStore.referralOf(c, customerId);
            if (before.isPresent()) {
                if (before.get().referrerId() == owner.id()) {
                    return;
                }
                throw new ReferralRefused(
                        "customer '" + externalId + "' was already referred by another customer on "
                                + before.get().referredAt() + "; a customer is referred once",
                        true);
            }
            if (ReferralStore.referralOf(c, owner.id())
                    .filter(r -> r.referrerId() == customerId)
                    .isPresent()) {
                throw new ReferralRefused(
                        "'" + code + "' belongs to customer '" + owner.externalId() + "', whom customer '" + externalId
                                + "' referred: two customers cannot refer each other",
                        false);
            }
            if (ReferralStore.hasOrdered(c, customerId)) {
                throw new ReferralRefused(
                        "customer '" + externalId + "' has ordered already: a referral counts for new customers only",
                        true);
            }
            if (!ReferralStore.insert(c, customerId, owner.id(), at)) {
                throw new ReferralRefused(
                        "customer '" + externalId + "' was referred by another request at the same time", true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the referral of customer '" + externalId + "'", e);
        }
    }

    /** The customer's first order converts their referral, once; empty when there is nothing to reward. */
    public Optional<Converted> convert(long customerId, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            return ReferralStore.convert(c, customerId, at)
                    .map(conversion -> new Converted(conversion.referrerId(), conversion.referredFirstName()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not convert the referral of customer " + customerId, e);
        }
    }

    /** The living owner of a code, for a referral link's landing. */
    public Optional<Long> ownerOf(String code) {
        Optional<String> normalized = ReferralCodes.normalized(code);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return ReferralStore.owner(c, normalized.get()).map(ReferralStore.Owner::id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up a referral code", e);
        }
    }
}
