package io.comeback.enrollment;

import io.comeback.testing.FlowFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A flows folder of its own with one flow per trigger the periodic pass, the events API and the keyword router
 * start (date on a birthday, on the first order and three days before a date attribute, once; event, keyword, segment), and the runtime's background loops
 * off: the tests run the detection pass and the wake-up batches themselves, at the instants they choose.
 */
public class TriggerFlowsProfile implements QuarkusTestProfile {

    static final Path FOLDER = folder();

    static final String BIRTHDAY = "t_birthday";
    static final String FIRST_ORDER = "t_first_order";
    static final String RENEWAL = "t_renewal";
    static final String WISHLIST = "t_wishlist";
    static final String KEYWORD = "t_vip_keyword";
    static final String SEGMENT = "t_segment";
    static final String QUIZ = "t_quiz";

    /** The keyword of the keyword flow and the attribute value of the segment: no other test texts or sets them. */
    static final String VIP_WORD = "VIPKLUBB";

    static final String SEGMENT_CLUB = "platinum_trigger_test";

    private static Path folder() {
        return FlowFolders.shared("comeback.test.trigger-flow-folder", "comeback-trigger-flows-", dir -> {
            FlowFolders.writeOneTextFlow(
                    dir,
                    BIRTHDAY,
                    "marketing",
                    """
                    trigger:
                      date:
                        attribute: birthday
                        at: "09:30"
                    entry:
                      re_entry: always
                    """,
                    "Gratulerer med dagen, {{ customer.firstName | du }}! Svar STOPP for å melde deg av.");
            FlowFolders.writeOneTextFlow(
                    dir,
                    FIRST_ORDER,
                    "marketing",
                    """
                    trigger:
                      date:
                        field: customer.firstOrderAt
                    entry:
                      re_entry: always
                    """,
                    "Ett år siden din første ordre! Svar STOPP for å melde deg av.");
            FlowFolders.writeOneTextFlow(
                    dir,
                    RENEWAL,
                    "marketing",
                    """
                    trigger:
                      date:
                        attribute: renewal_date
                        at: "09:00"
                        offset_days: -3
                        yearly: false
                    entry:
                      re_entry: always
                    """,
                    "Medlemskapet ditt fornyes om tre dager. Svar STOPP for å melde deg av.");
            Files.writeString(dir.resolve(WISHLIST + ".yaml"), """
                    id: %s
                    settings:
                      kind: marketing
                      quiet_hours: none
                    trigger:
                      event:
                        type: wishlist_added
                        filters:
                          - field: event.category
                            equals: shoes
                    entry:
                      re_entry: always
                      goal: {event: wishlist_purchased}
                    steps:
                      - id: nudge
                        send:
                          text: "{{ event.product | Skoene }} venter på deg! Svar STOPP for å melde deg av."
                      - id: pause
                        wait: P3D
                      - id: reminder
                        send:
                          text: "Fortsatt interessert? Svar STOPP for å melde deg av."
                    """.formatted(WISHLIST));
            Files.writeString(dir.resolve(QUIZ + ".yaml"), """
                    id: %s
                    settings:
                      kind: marketing
                      quiet_hours: none
                    trigger:
                      event:
                        type: quiz_started
                    entry:
                      goal: replied
                    steps:
                      - id: ask
                        send:
                          text: "Hvilken tur drømmer du om? Svar STOPP for å melde deg av."
                      - id: pause
                        wait: P2D
                      - id: reminder
                        send:
                          text: "Vi venter fortsatt på svaret ditt! Svar STOPP for å melde deg av."
                    """.formatted(QUIZ));
            FlowFolders.writeOneTextFlow(
                    dir,
                    KEYWORD,
                    "marketing",
                    """
                    trigger:
                      keyword:
                        words: [%s]
                    """.formatted(VIP_WORD),
                    "Velkommen i VIP-klubben! Svar STOPP for å melde deg av.");
            FlowFolders.writeOneTextFlow(
                    dir,
                    SEGMENT,
                    "marketing",
                    """
                    trigger:
                      segment:
                        when:
                          - attribute: club
                            equals: %s
                    entry:
                      re_entry: always
                    """.formatted(SEGMENT_CLUB),
                    "Du er nå platinum! Svar STOPP for å melde deg av.");
        });
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return FlowFolders.withRuntimeOff(FOLDER);
    }
}
