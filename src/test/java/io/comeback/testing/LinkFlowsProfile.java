package io.comeback.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A flows folder of its own for the link and referral tests, with the runtime's background loops off (the tests drive
 * it with {@link RuntimeDriver}): an offer with a tracked link ({@link #OFFER}), a text longer than one segment only
 * once its link is short ({@link #ONE_SEGMENT}), an invitation with the customer's referral link ({@link #INVITE}) and
 * the referrer's reward ({@link #REWARD}). Each starts on an event type of its own, sent through the events API.
 * Short links live on {@code https://go.comeback.test} and referral links land on
 * {@code https://shop.comeback.test/welcome?lang=nb} (the test profile's settings).
 */
public class LinkFlowsProfile implements QuarkusTestProfile {

    public static final String OFFER = "t_link_offer";
    public static final String ONE_SEGMENT = "t_link_one_segment";
    public static final String INVITE = "t_referral_invite";
    public static final String REWARD = "t_referral_reward";

    /** The offer link's target: its own query and fragment must survive the redirect. */
    public static final String OFFER_TARGET = "https://shop.example.com/tilbud?c=sko#topp";

    public static final String SHORT_BASE = "https://go.comeback.test";
    public static final String LANDING = "https://shop.comeback.test/welcome?lang=nb";

    static final Path FOLDER = folder();

    /** Quarkus loads this class with two class loaders; a system property makes both name the same folder. */
    private static synchronized Path folder() {
        String known = System.getProperty("comeback.test.link-flow-folder");
        if (known != null) {
            return Path.of(known);
        }
        try {
            Path dir = Files.createTempDirectory("comeback-link-flows-");
            System.setProperty("comeback.test.link-flow-folder", dir.toString());
            dir.toFile().deleteOnExit();
            Files.writeString(dir.resolve(OFFER + ".yaml"), """
                    id: %s
                    settings:
                      quiet_hours: none
                    trigger:
                      event:
                        type: link_offer_test
                    entry:
                      goal: clicked
                    links:
                      shop: %s
                    steps:
                      - id: offer
                        send:
                          text: "Nye sko til deg: {{ link.shop }} Svar STOPP for å melde deg av."
                      - id: pause
                        wait: P3D
                      - id: reminder
                        send:
                          text: "Husk skoene: {{ link.shop }} Svar STOPP for å melde deg av."
                    """.formatted(OFFER, OFFER_TARGET));
            // 126 fixed characters and a 12-character address: one segment as written, two as a 39-character short
            // link.
            Files.writeString(dir.resolve(ONE_SEGMENT + ".yaml"), """
                    id: %s
                    settings:
                      quiet_hours: none
                      max_segments: 1
                    trigger:
                      event:
                        type: link_one_segment_test
                    links:
                      s: https://s.no
                    steps:
                      - id: hello
                        send:
                          text: "Hei! Denne uken har vi gode tilbud på alt av sko og klær i butikken vår, se mer på {{ link.s }} og svar STOPP for å melde deg av nå, takk."
                    """.formatted(ONE_SEGMENT));
            Files.writeString(dir.resolve(INVITE + ".yaml"), """
                    id: %s
                    settings:
                      quiet_hours: none
                    trigger:
                      event:
                        type: referral_invite_test
                    steps:
                      - id: invite
                        send:
                          text: "Gi en venn 20 %%: {{ referral.link }} (kode {{ referral.code }}). Svar STOPP for å melde deg av."
                    """.formatted(INVITE));
            Files.writeString(dir.resolve(REWARD + ".yaml"), """
                    id: %s
                    settings:
                      quiet_hours: none
                    trigger: referral_converted
                    entry:
                      re_entry: always
                    steps:
                      - id: thanks
                        send:
                          text: "Takk! {{ referred.firstName | Vennen din }} har handlet. Her er 20 %% rabatt: {{ coupon.code }}. Svar STOPP for å melde deg av."
                          coupon:
                            prefix: VENN
                    """.formatted(REWARD));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.flows-dir", FOLDER.toString(), "comeback.runtime.enabled", "false");
    }
}
