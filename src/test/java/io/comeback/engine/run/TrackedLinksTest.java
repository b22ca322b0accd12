package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.text.LinkShape;
import io.comeback.engine.validate.FlowValidator;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code {{ link.* }}} and {@code {{ referral.* }}} in a text being sent are what the runtime's {@link TextLinks} makes
 * of them: the text, its segment count and the send decision carry the short link, asked for once per link with the
 * text's send key, so the runtime can make the same code again for the same text.
 */
class TrackedLinksTest {

    private static final Instant NOON = Instant.parse("2026-06-15T10:00:00Z");
    private static final CustomerView KARI = new CustomerView(
            "42",
            "Kari",
            "Nordmann",
            null,
            "+4791234567",
            "nb-NO",
            ZoneId.of("Europe/Oslo"),
            Map.of(),
            Set.of(),
            ConsentStatus.OPTED_IN);

    private static Flow flow(String text) {
        return new FlowValidator().validate("""
                        id: offer
                        settings:
                          quiet_hours: none
                        trigger: customer_created
                        links:
                          shop: https://shop.example.com/tilbud?c=sko
                        steps:
                          - id: hello
                            send:
                              text: "%s"
                          - id: pause
                            wait: P1D
                          - id: hello_again
                            next: hello
                            send:
                              text: "%s"
                        """.formatted(text, text)).flow().orElseThrow();
    }

    /** Short links on https://go.example.no with a code naming the request, and a fixed referral code. */
    private static final class Recording implements TextLinks {
        final List<LinkRequest> requests = new ArrayList<>();

        @Override
        public ShortLink shorten(LinkRequest request) {
            requests.add(request);
            String code = (request.sendKey() + request.linkName()).replaceAll("[^A-Za-z0-9]", "");
            return new ShortLink(request.linkName(), request.target(), code, "https://go.example.no/l/" + code);
        }

        @Override
        public Optional<Referral> referral(String customerId) {
            return Optional.of(new Referral("K7M2Q9XA", "https://go.example.no/r/K7M2Q9XA"));
        }
    }

    private static List<Decision.Send> sends(StepResult result) {
        return result.decisions().stream()
                .filter(Decision.Send.class::isInstance)
                .map(Decision.Send.class::cast)
                .toList();
    }

    @Test
    void aLinkInATextIsTheShortLinkMadeForThatTextOnce() {
        Recording links = new Recording();
        FlowInterpreter interpreter = new FlowInterpreter(CouponCodes.deterministic(), links, Map.of());
        Flow flow = flow("Se {{ link.shop }} - igjen: {{ link.shop }}. Svar STOPP for å melde deg av.");

        StepResult first = interpreter.interpret(
                flow, EnrollmentState.enroll(flow.id(), flow.version(), NOON), FlowEvent.Started.plain(), NOON, KARI);

        Decision.Send send = sends(first).get(0);
        assertThat(send.text())
                .isEqualTo("Se https://go.example.no/l/hello1shop - igjen: https://go.example.no/l/hello1shop."
                        + " Svar STOPP for å melde deg av.");
        assertThat(send.segments().units()).isEqualTo(send.text().length());
        assertThat(send.links()).singleElement().satisfies(l -> {
            assertThat(l.linkName()).isEqualTo("shop");
            assertThat(l.target()).isEqualTo("https://shop.example.com/tilbud?c=sko");
            assertThat(l.code()).isEqualTo("hello1shop");
        });
        assertThat(links.requests)
                .singleElement()
                .isEqualTo(new TextLinks.LinkRequest(
                        "offer", "42", "hello", "hello#1", "shop", "https://shop.example.com/tilbud?c=sko"));

        // The next text is another text: another send key, another link.
        Instant tomorrow = NOON.plusSeconds(86_400);
        StepResult second = interpreter.interpret(flow, first.state(), new FlowEvent.Woke(tomorrow), tomorrow, KARI);
        assertThat(sends(second).get(0).links())
                .extracting(TextLinks.ShortLink::code)
                .containsExactly("helloagain1shop");
    }

    @Test
    void referralCodeAndLinkAreTheCustomersOwn() {
        FlowInterpreter interpreter = new FlowInterpreter(CouponCodes.deterministic(), new Recording(), Map.of());
        Flow flow = flow("Del {{ referral.link }} eller koden {{ referral.code }}. Svar STOPP for å melde deg av.");

        StepResult result = interpreter.interpret(
                flow, EnrollmentState.enroll(flow.id(), flow.version(), NOON), FlowEvent.Started.plain(), NOON, KARI);

        Decision.Send send = sends(result).get(0);
        assertThat(send.text()).startsWith("Del https://go.example.no/r/K7M2Q9XA eller koden K7M2Q9XA.");
        assertThat(send.links()).isEmpty();
    }

    @Test
    void untrackedLinksStayAsWrittenAndAreNotCarried() {
        FlowInterpreter interpreter = new FlowInterpreter(CouponCodes.deterministic(), Map.of());
        Flow flow = flow("Se {{ link.shop }}. Svar STOPP for å melde deg av.");

        Decision.Send send = sends(interpreter.interpret(
                        flow,
                        EnrollmentState.enroll(flow.id(), flow.version(), NOON),
                        FlowEvent.Started.plain(),
                        NOON,
                        KARI))
                .get(0);

        assertThat(send.text()).startsWith("Se https://shop.example.com/tilbud?c=sko.");
        assertThat(send.links()).isEmpty();
    }

    @Test
    void aPreviewMakesLinksOfTheServicesShapeTheSameEveryTime() {
        TextLinks preview = TextLinks.preview(LinkShape.on("https://go.example.no/"));
        TextLinks.LinkRequest request =
                new TextLinks.LinkRequest("offer", "42", "hello", "hello#1", "shop", "https://shop.example.com/");

        TextLinks.ShortLink link = preview.shorten(request);

        assertThat(link.url()).matches("https://go\\.example\\.no/l/[0-9A-Za-z]{12}");
        assertThat(preview.shorten(request)).isEqualTo(link);
        assertThat(preview.referral("42").orElseThrow().code()).matches("[2-9A-HJKMNP-Z]{8}");
    }
}
