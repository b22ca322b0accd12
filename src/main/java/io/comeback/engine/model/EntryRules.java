package io.comeback.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * Who may enter when the trigger fires.
 *
 * @param audience       all must hold for the customer to enter
 * @param reEntry        whether a customer can go through the flow again
 * @param holdoutPercent 0–100: this share of entering customers is kept out (recorded, never texted) to measure lift
 * @param goal           the event that ends the enrollment as a conversion
 */
public record EntryRules(
        List<Condition> audience, ReEntry reEntry, int holdoutPercent, Optional<Goal> goal, SourceLocation location) {

    public EntryRules {
        audience = List.copyOf(audience);
    }

    public static EntryRules defaults() {
        return new EntryRules(
                List.of(), new ReEntry.Never(SourceLocation.UNKNOWN), 0, Optional.empty(), SourceLocation.UNKNOWN);
    }
}
