package io.comeback.enrollment;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.ConsentSteps;
import io.comeback.testing.LinkFlowsProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A campaign's {@code {{ link.* }}} is a tracked short link as in a flow (UTM campaign = the campaign's flow, the
 * click counted once in the campaign's counts), and a keyword entry enters the campaign's {@code then} flow.
 */
@QuarkusTest
@TestProfile(LinkFlowsProfile.class)
class CampaignLinksTest {

    private static final Pattern SHORT_LINK = Pattern.compile("https://go\\.comeback\\.test/l/([0-9A-Za-z]{12})");
    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";

    @Test
    void linksAreTrackedAndAKeywordEntryEntersTheThenFlow() {
        TestClockProducer.CLOCK.setTo(Instant.parse("2031-03-04T09:00:00Z"));
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        String phone = TestData.norwegianMobile();
        String customer = CampaignSteps.cohort(cohort, 1, "Europe/Oslo", "nb-NO", () -> phone)
                .get(0);
        String id = "linked-" + cohort;
        CampaignSteps.put(id, """
                id: %s
                audience:
                  - attribute: cohort
                    equals: %s
                links:
                  shop: https://shop.example.com/vip
                send:
                  text: "VIP-salg: {{ link.shop }} Svar VIP for trekningen. Svar STOPP for å melde deg av."
                keyword:
                  words: [VIP]
                  confirm: "Du er med!"
                  then: %s
                """.formatted(id, cohort, LinkFlowsProfile.OFFER)).statusCode(201);
        CampaignSteps.post(id, "start").statusCode(200);
        runtime.runDue();
        List<String> texts = given().queryParam("to", phone)
                .get("/simulator/messages")
                .then()
                .extract()
                .jsonPath()
                .getList("body", String.class);
        String text =
                texts.stream().filter(b -> b.startsWith("VIP-salg")).findFirst().orElseThrow();
        Matcher m = SHORT_LINK.matcher(text);
        assertThat(m.find()).as("a short link in " + text).isTrue();

        runtime.advance(runtime.receiptDelay()); // a click counts against the delivered text it follows
        Response click = RestAssured.given()
                .redirects()
                .follow(false)
                .header("User-Agent", SAFARI)
                .get("/l/" + m.group(1));
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.header("Location"))
                .contains("utm_campaign=campaign." + id)
                .contains("utm_content=send");
        RestAssured.given()
                .redirects()
                .follow(false)
                .header("User-Agent", SAFARI)
                .get("/l/" + m.group(1));
        given().get("/api/campaigns/" + id).then().body("counts.clicked", equalTo(1));

        runtime.advance(Duration.ofMinutes(10));
        ConsentSteps.texts(phone, "VIP").statusCode(200);
        runtime.runDue();
        given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .body(
                        "find { it.flowId == '" + LinkFlowsProfile.OFFER + "' }.entryReason",
                        equalTo("campaign " + id + " keyword entry"));
    }
}
