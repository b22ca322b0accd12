package io.comeback.enrollment;

import io.comeback.testing.FlowFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A flows folder of its own with flows that read what Comeback knows ({@code customer.facts.*}, RFM): a thank-you
 * on the third order, an offer on the favourite category, a VIP segment (RFM 5-5-5) and a win-back on the personal
 * rhythm, all for the customers of one cohort; the runtime's background loops off, so the tests run detection and
 * wake-ups at the instants they choose.
 */
public class FactFlowsProfile implements QuarkusTestProfile {

    static final Path FOLDER = folder();

    static final String THIRD_ORDER = "fx_third_order";
    static final String USUAL_OFFER = "fx_usual_offer";
    static final String VIP = "fx_vip";
    static final String WINBACK = "fx_winback";

    /** The event that starts the offer flow, and the attribute value of the cohort: no other test uses them. */
    static final String OFFER_EVENT = "usual_offer_fx";

    static final String COHORT = "facts-e2e";

    private static Path folder() {
        return FlowFolders.shared("comeback.test.fact-flow-folder", "comeback-fact-flows-", dir -> {
            FlowFolders.writeOneTextFlow(
                    dir,
                    THIRD_ORDER,
                    "transactional",
                    """
                    trigger:
                      order_placed:
                        filters:
                          - field: customer.facts.ordersCount
                            equals: 3
                    entry:
                      re_entry: always
                    """,
                    "Takk for bestilling nr. {{ customer.facts.ordersCount }}, {{ customer.firstName | du }}!");
            FlowFolders.writeOneTextFlow(
                    dir,
                    USUAL_OFFER,
                    "marketing",
                    """
                    trigger:
                      event:
                        type: %s
                    """.formatted(OFFER_EVENT),
                    "20 % på {{ customer.facts.favouriteCategory | alt }} denne uka! Sist kjøpte du "
                            + "{{ customer.facts.lastProduct | noe fint }}. Svar STOPP for å melde deg av.");
            FlowFolders.writeOneTextFlow(
                    dir,
                    VIP,
                    "marketing",
                    """
                    trigger:
                      segment:
                        when:
                          - field: customer.rfm.recency
                            equals: 5
                          - field: customer.rfm.frequency
                            equals: 5
                          - field: customer.rfm.monetary
                            equals: 5
                          - attribute: cohort
                            equals: %s
                    """.formatted(COHORT),
                    "Du er nå VIP hos oss! Svar STOPP for å melde deg av.");
            FlowFolders.writeOneTextFlow(
                    dir,
                    WINBACK,
                    "marketing",
                    """
                    trigger:
                      inactive:
                        rhythm_factor: 2
                        min_orders: 3
                        no_purchase_for: P120D
                    entry:
                      audience:
                        - attribute: cohort
                          equals: %s
                    """.formatted(COHORT),
                    "Hei {{ customer.firstName | der }}, vi savner deg! Svar STOPP for å melde deg av.");
        });
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return FlowFolders.withRuntimeOff(FOLDER);
    }
}
