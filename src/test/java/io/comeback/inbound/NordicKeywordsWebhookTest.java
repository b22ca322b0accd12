package io.comeback.inbound;

import static io.comeback.testing.Api.given;
import static io.comeback.testing.SignedInboundTexts.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.engine.text.NordicKeywordCorpusTraps;
import io.comeback.testing.SignedWebhooksProfile;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opt-out, start and help in the Nordic languages through Twilio's signed inbound webhook and the running service:
 * who is opted out, and the language they are answered in.
 */
@QuarkusTest
@TestProfile(SignedWebhooksProfile.class)
class NordicKeywordsWebhookTest {

    /** A Tuesday evening in Oslo: the inbox is closed until tomorrow 09:00. */
    private static final Instant TUESDAY_EVENING =
            LocalDateTime.of(2030, 3, 5, 20, 0).atZone(ZoneId.of("Europe/Oslo")).toInstant();

    @BeforeEach
    void closedForTheDay() {
        TestClockProducer.CLOCK.setTo(TUESDAY_EVENING);
    }

    /** An opted-in customer with this number and no stated language (it comes from the number's country). */
    private static String customer(String phone) {
        String id = TestData.id("nordic");
        given().body(Map.of("phone", phone, "consent", Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static String consent(String customer) {
        return given().get("/api/customers/" + customer).then().extract().path("consent.status");
    }

    @Test
    void aSwedeTextingSlutaSkickaIsOptedOutAndGetsTheSwedishConfirmation() {
        String phone = TestData.swedishMobile();
        String swede = customer(phone);

        assertThat(text(phone, "Sluta skicka"))
                .isEqualTo("Du är nu avregistrerad och får inga fler erbjudanden via sms från Comeback."
                        + " Svara START om du vill ha dem igen.");

        assertThat(consent(swede)).isEqualTo("opted_out");
        given().get("/api/customers/" + swede + "/consent")
                .then()
                .body("history[1].change", equalTo("opt_out"))
                .body("history[1].keyword", equalTo("SLUTA SKICKA"));
        assertThat(text(phone, "Sluta skicka")).as("confirmed once").isNull();
    }

    @Test
    void aFinnTextingLopetaIsOptedOutInFinnishAndAloitaBringsThemBack() {
        String phone = TestData.finnishMobile();
        String finn = customer(phone);

        assertThat(text(phone, "Apua")).startsWith("Tämä viesti on lähettäjältä Comeback.");
        assertThat(text(phone, "lopeta")).startsWith("Et saa enää tarjouksia tekstiviestillä");
        assertThat(consent(finn)).isEqualTo("opted_out");

        assertThat(text(phone, "Aloita")).startsWith("Tervetuloa takaisin!");
        assertThat(consent(finn)).isEqualTo("opted_in");
        assertThat(text(phone, "Peru kiitos")).startsWith("Et saa enää tarjouksia");
        assertThat(consent(finn)).isEqualTo("opted_out");
    }

    @Test
    void anIcelanderTextingHættaIsOptedOutInIcelandic() {
        String phone = TestData.icelandicMobile();
        String icelander = customer(phone);
        given().get("/api/customers/" + icelander).then().body("locale", equalTo("is-IS"));

        assertThat(text(phone, "hætta"))
                .isEqualTo("Þú færð ekki fleiri tilboð með SMS frá Comeback. Svaraðu BYRJA ef þú vilt fá þau aftur.");

        assertThat(consent(icelander)).isEqualTo("opted_out");
    }

    @Test
    void aNorwegianPhraseOptsOutAndIsConfirmedInNorwegian() {
        String phone = TestData.norwegianMobile();
        String norwegian = customer(phone);

        assertThat(text(phone, "Stopp dette nå takk")).startsWith("Du er nå meldt av");

        assertThat(consent(norwegian)).isEqualTo("opted_out");
    }

    @Test
    void aNumberNoCustomerHasIsAnsweredInTheLanguageOfItsWordsTheCountryBreakingATie() {
        assertThat(text(TestData.norwegianMobile(), "Sluta skicka"))
                .as("a Swedish phrase from a Norwegian number")
                .startsWith("Du är nu avregistrerad");
        assertThat(text(TestData.swedishMobile(), "STOPP"))
                .as("STOPP is Norwegian, Danish, Swedish or Icelandic: Swedish from a Swedish number")
                .startsWith("Du är nu avregistrerad");
        assertThat(text(TestData.norwegianMobile(), "STOPP")).startsWith("Du er nå meldt av");
        assertThat(text(TestData.norwegianMobile(), "lopeta")).startsWith("Et saa enää tarjouksia");
        assertThat(text(TestData.finnishMobile(), "STOP please"))
                .as("English words")
                .startsWith("You are unsubscribed");
    }

    @Test
    void theInboxAutoReplyIsInTheSendersLanguageAndSaysWhenInItsWords() {
        assertThat(text(TestData.swedishMobile(), "Har ni öppet på lördag?"))
                .isEqualTo("Tack för ditt meddelande! Vi har stängt nu och svarar dig i morgon från kl. 09.00.");
        String finn = TestData.finnishMobile();
        customer(finn);
        assertThat(text(finn, "Milloin ale loppuu?"))
                .isEqualTo("Kiitos viestistäsi! Olemme nyt kiinni ja vastaamme huomenna klo 9.00 alkaen.");
    }

    @Test
    void theTrapsOptNobodyOut() {
        String phone = TestData.norwegianMobile();
        String norwegian = customer(phone);

        // Each lands in the inbox: the first is answered with the auto-reply, the others with nothing (one auto-reply
        // a day per person), and none with an opt-out confirmation.
        boolean first = true;
        for (String trap : NordicKeywordCorpusTraps.TRAPS) {
            assertThat(text(phone, trap))
                    .as(trap)
                    .isEqualTo(
                            first
                                    ? "Takk for meldingen! Vi har stengt nå og svarer deg i morgen fra kl. 09.00."
                                    : null);
            first = false;
        }

        assertThat(consent(norwegian)).isEqualTo("opted_in");
        given().get("/api/customers/" + norwegian + "/consent").then().body("history.size()", equalTo(1));
    }
}
