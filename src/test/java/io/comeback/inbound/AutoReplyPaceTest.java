package io.comeback.inbound;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inbox's auto-reply goes out at most once per person in 24 hours: three questions in a row get one answer, the
 * next day's question gets one again, and another person is not held back by the first. Each text still opens the
 * conversation for a person to answer.
 */
@QuarkusTest
class AutoReplyPaceTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void atMostOneAutoReplyPerPersonIn24Hours() {
        // A Saturday: the shop is closed, so the auto-reply names Monday.
        Instant saturday = LocalDateTime.of(2036, 5, 10, 12, 0).atZone(OSLO).toInstant();
        TestClockProducer.CLOCK.setTo(saturday);
        String phone = TestData.norwegianMobile();
        String other = TestData.norwegianMobile();

        assertThat(answer(phone, "Har dere åpent i dag?"))
                .isEqualTo("Takk for meldingen! Vi har stengt nå og svarer deg på mandag fra kl. 09.00.");
        TestClockProducer.CLOCK.advance(Duration.ofMinutes(5));
        assertThat(answer(phone, "Hallo?")).isNull();
        assertThat(answer(other, "Et spørsmål til")).isNotNull();
        TestClockProducer.CLOCK.advance(Duration.ofHours(23).plusMinutes(50));
        assertThat(answer(phone, "Noen der?")).as("23 h 55 min after the first").isNull();

        TestClockProducer.CLOCK.setTo(saturday.plus(Duration.ofHours(24)));
        assertThat(answer(phone, "Søndag nå")).as("24 h after the first").isNotNull();

        // The unanswered texts are in the conversation all the same, unread.
        given().queryParam("phone", phone)
                .get("/api/conversations")
                .then()
                .statusCode(200)
                .body("[0].lastText", equalTo("Søndag nå"))
                .body("[0].unread", equalTo(true));
        given().queryParam("handled", "false")
                .queryParam("limit", 1000)
                .get("/api/inbox")
                .then()
                .body("findAll { it.from == '" + phone + "' }.size()", equalTo(4))
                .body("findAll { it.from == '" + phone + "' && it.autoReply != null }.size()", equalTo(2));
    }

    private static String answer(String from, String body) {
        return given().body(Map.of("from", from, "body", body))
                .post("/simulator/inbound")
                .then()
                .statusCode(200)
                .extract()
                .path("answer");
    }
}
