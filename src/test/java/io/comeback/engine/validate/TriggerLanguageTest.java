package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.DateField;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import io.comeback.engine.model.Trigger;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The triggers every flow can start with, and goals on recorded events, as the parser and validator read them. */
class TriggerLanguageTest {

    private final FlowValidator validator = new FlowValidator();

    private static String flow(String trigger, String entry, String text) {
        return "id: t\nsettings:\n  kind: transactional\ntrigger:\n" + trigger + entry + "steps:\n  - id: hello\n"
                + "    send:\n      text: \"" + text + "\"\n";
    }

    private ValidationResult validate(String trigger, String entry, String text) {
        return validator.validate(flow(trigger, entry, text));
    }

    private static List<Problem> errors(ValidationResult result) {
        return result.problems().stream().filter(Problem::isError).toList();
    }

    @Test
    void eventTriggerReadsTypeAndFiltersAndItsPropertiesAreVariables() {
        ValidationResult result = validate("""
                  event:
                    type: wishlist_added
                    filters:
                      - field: event.category
                        equals: shoes
                """, "", "Skoene {{ event.product | du så på }} venter!");
        assertThat(result.problems()).isEmpty();
        Trigger.EventTrigger trigger =
                (Trigger.EventTrigger) result.flow().orElseThrow().trigger();
        assertThat(trigger.eventType()).isEqualTo("wishlist_added");
        assertThat(trigger.filters())
                .singleElement()
                .isInstanceOfSatisfying(
                        Condition.Compare.class, c -> assertThat(c.variable()).isEqualTo("event.category"));
    }

    @Test
    void eventVariablesOutsideAnEventFlowAndBadEventTypesAreErrors() {
        List<Problem> outside = errors(
                validator.validate(
                        "id: t\nsettings:\n  kind: transactional\n"
                                + "trigger: customer_created\nsteps:\n  - id: hello\n    send:\n      text: \"{{ event.product }}\"\n"));
        assertThat(outside)
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("`event.product` has no value here: only flows with `trigger: event` know an event"));

        List<Problem> camel = errors(validate("  event:\n    type: WishlistAdded\n", "", "Hei"));
        assertThat(camel).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.path()).isEqualTo("trigger.event.type");
            assertThat(p.message()).contains("snake_case");
        });
        assertThat(errors(validate("  event:\n    type: order_placed\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("write `trigger: order_placed`"));
        assertThat(errors(validate("  event: {}\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Missing `type`"));
    }

    @Test
    void segmentTriggerReadsItsConditionsAndChecksTheirVariables() {
        ValidationResult result = validate("""
                  segment:
                    when:
                      - tag: vip
                      - field: customer.rfm.monetary
                        at_least: 4
                """, "", "Velkommen i VIP-klubben!");
        assertThat(result.problems()).isEmpty();
        assertThat(((Trigger.Segment) result.flow().orElseThrow().trigger()).when())
                .hasSize(2);

        List<Problem> orderInSegment = errors(validate("""
                  segment:
                    when:
                      - field: order.total
                        above: 100
                """, "", "Hei"));
        assertThat(orderInSegment).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("trigger.segment.when[0]");
            assertThat(p.message()).contains("only flows with `trigger: order_placed` know an order");
        });
        assertThat(errors(validate("  segment:\n    when: []\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("List at least one condition"));
        assertThat(errors(validate("  segment: {}\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Missing `when`"));
    }

    @Test
    void dateTriggerReadsAnAttributeOrTheFirstOrder() {
        Trigger.DateTrigger birthday =
                (Trigger.DateTrigger) validate("""
                  date:
                    attribute: birthday
                    at: "09:30"
                """, "entry:\n  re_entry: always\n", "Gratulerer!")
                        .flow()
                        .orElseThrow()
                        .trigger();
        assertThat(birthday.field()).isEqualTo(DateField.attribute("birthday"));
        assertThat(birthday.at()).isEqualTo(LocalTime.of(9, 30));

        Trigger.DateTrigger firstOrder =
                (Trigger.DateTrigger) validate("""
                  date:
                    field: customer.firstOrderAt
                """, "entry:\n  re_entry: always\n", "Ett år siden første ordre!")
                        .flow()
                        .orElseThrow()
                        .trigger();
        assertThat(firstOrder.field()).isEqualTo(DateField.firstOrder());
        assertThat(firstOrder.at()).isEqualTo(Trigger.DateTrigger.DEFAULT_AT);

        Trigger.DateTrigger renewal = (Trigger.DateTrigger) validate(
                        "  date:\n    field: customer.attributes.renewal\n",
                        "entry:\n  re_entry: always\n",
                        "Fornyelse!")
                .flow()
                .orElseThrow()
                .trigger();
        assertThat(renewal.field()).isEqualTo(DateField.attribute("renewal"));

        assertThat(errors(validate("  date:\n    field: customer.firstOrder\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Did you mean `customer.firstOrderAt`?"));
        assertThat(errors(validate("  date:\n    attribute: birthday\n    field: customer.firstOrderAt\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Write `attribute` or `field`, not both"));
        assertThat(errors(validate("  date:\n    at: \"10:00\"\n", "", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Missing `attribute`"));
    }

    @Test
    void aYearlyDateThatEntersOnlyOnceIsWarned() {
        List<Problem> problems = validate("  date:\n    attribute: birthday\n", "", "Gratulerer!")
                .problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.path()).isEqualTo("entry.re_entry");
            assertThat(p.message()).contains("Write `re_entry: always` to enter them every year");
        });
        assertThat(validate("  date:\n    attribute: birthday\n    yearly: false\n", "", "Hei")
                        .problems())
                .isEmpty();
    }

    @Test
    void aGoalIsAKnownEventOrAnyRecordedEventType() {
        Flow recorded = validate("  customer_created:\n", "entry:\n  goal: {event: newsletter_signup}\n", "Hei")
                .flow()
                .orElseThrow();
        assertThat(recorded.entry().goal().orElseThrow().customEvent()).isEqualTo("newsletter_signup");
        assertThat(recorded.entry().goal().orElseThrow().event()).isNull();
        Flow known = validate("  customer_created:\n", "entry:\n  goal: {event: site_visit}\n", "Hei")
                .flow()
                .orElseThrow();
        assertThat(known.entry().goal().orElseThrow().event()).isEqualTo(EventType.SITE_VISIT);

        List<Problem> typo = errors(validate("  customer_created:\n", "entry:\n  goal: orderd\n", "Hei"));
        assertThat(typo)
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("Did you mean `ordered`?")
                        .contains("`{event: orderd}` for an event type the events API records"));
        assertThat(errors(validate("  customer_created:\n", "entry:\n  goal: {event: Newsletter}\n", "Hei")))
                .singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("entry.goal.event"));
    }
}
