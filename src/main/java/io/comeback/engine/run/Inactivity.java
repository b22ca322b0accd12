package io.comeback.engine.run;

import io.comeback.engine.model.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The first instant from which an {@code inactive} trigger holds, assuming nothing else happens:
 * every declared criterion must hold, so it is the latest of the purchase lapse
 * ({@link PurchaseRhythm}) and the engagement lapse ({@code noEngagementFor} after the last reply,
 * click or site visit; at once when there was none). {@code unansweredMessages} depends on the
 * message history the simulator does not have and is not evaluated here.
 */
public final class Inactivity {

    /** {@code at}: when it holds; {@code explanation}: a short reason for timelines. */
    public record Onset(Instant at, String explanation) {}

    private Inactivity() {}

    /** @param floor the shortest personal-rhythm window ({@link PurchaseRhythm#lapse}) */
    public static Optional<Onset> onset(
            Trigger.Inactive trigger,
            List<Instant> orders,
            List<Instant> engagements,
            ZoneId zone,
            java.time.Duration floor) {
        Instant at = Instant.MIN;
        StringBuilder why = new StringBuilder();
        if (PurchaseRhythm.hasPurchaseCriterion(trigger)) {
            Optional<PurchaseRhythm.Lapse> lapse = PurchaseRhythm.lapse(trigger, orders, zone, floor);
            if (lapse.isEmpty()) {
                return Optional.empty();
            }
            at = lapse.get().at();
            why.append(
                            lapse.get().basis() == PurchaseRhythm.Basis.PERSONAL_RHYTHM
                                    ? "personal rhythm: "
                                    : "fixed window: ")
                    .append("no order for ")
                    .append(lapse.get().window().toDays())
                    .append(" days");
            if (lapse.get().floored()) {
                why.append(" (the floor)");
            }
        }
        if (trigger.noEngagementFor().isPresent()) {
            Optional<Instant> lastEngagement = engagements.stream().max(Instant::compareTo);
            if (lastEngagement.isPresent()) {
                Instant engagementLapse = trigger.noEngagementFor().get().addTo(lastEngagement.get(), zone);
                at = engagementLapse.isAfter(at) ? engagementLapse : at;
            }
            why.append(why.length() == 0 ? "" : ", ")
                    .append("no engagement for ")
                    .append(trigger.noEngagementFor().get().inWords());
        }
        return Optional.of(new Onset(at, why.toString()));
    }
}
