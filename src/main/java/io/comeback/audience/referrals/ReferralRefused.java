package io.comeback.audience.referrals;

/**
 * A sign-up's {@code referredBy} that cannot be recorded: thrown inside the customer's transaction, so the whole
 * request is undone. {@code conflict} is true when the code is fine but the customer's history forbids it (already
 * referred by someone else, already ordered), false when the code itself is wrong (unknown, their own).
 */
public class ReferralRefused extends RuntimeException {

    private final boolean conflict;

    public ReferralRefused(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }
}
