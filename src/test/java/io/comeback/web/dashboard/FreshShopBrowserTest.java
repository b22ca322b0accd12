package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.AxeCheck;
import io.comeback.testing.FreshDatabaseProfile;
import io.comeback.testing.HeadlessChromium;
import io.comeback.testing.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/**
 * A shop's first day (an empty database of its own, no flow files): every page says what to do next instead of
 * showing empty charts and tables, and the overview's figures appear once the first customer is there.
 */
@QuarkusTest
@TestProfile(FreshDatabaseProfile.class)
class FreshShopBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 900);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageOfANewShopSaysWhatToDoNext() {
        String session = Api.signIn("first-day", "marketer");
        browser.get(url("/login"));
        browser.manage().addCookie(new Cookie("comeback_session", session));

        browser.get(url("/"));
        String overview = browser.findElement(By.id("empty-overview")).getText();
        assertThat(overview)
                .contains("No customers yet")
                .contains("POST /api/import/customers")
                .contains("PUT /api/customers/{id}")
                .contains("write your first flow");
        assertThat(HeadlessChromium.foundNow(browser, By.cssSelector("svg.chart")))
                .isEmpty();
        assertThat(browser.findElement(By.linkText("write your first flow")).getAttribute("href"))
                .endsWith("/flows/new");
        AxeCheck.assertNoSeriousViolations(browser, "overview");

        browser.get(url("/flows"));
        assertThat(browser.findElement(By.id("empty-flows")).getText())
                .contains("No flows yet")
                .contains("Write your first flow");
        assertThat(HeadlessChromium.foundNow(browser, By.cssSelector("table.flows")))
                .isEmpty();
        AxeCheck.assertNoSeriousViolations(browser, "flows");

        browser.get(url("/inbox"));
        assertThat(browser.findElement(By.id("no-conversations")).getText())
                .contains("When a customer texts something no flow is waiting for");
        AxeCheck.assertNoSeriousViolations(browser, "inbox");
        browser.get(url("/follow-ups"));
        assertThat(browser.findElement(By.id("no-follow-ups")).getText()).contains("needs_follow_up");
        browser.get(url("/referrals"));
        assertThat(browser.findElement(By.id("no-referrals")).getText()).contains("{{ referral.link }}");
        AxeCheck.assertNoSeriousViolations(browser, "referrals");

        // The first customer: the figures replace the empty state, and it says orders are still missing.
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + TestData.id("first"))
                .then()
                .statusCode(201);
        browser.get(url("/"));
        assertThat(HeadlessChromium.foundNow(browser, By.id("empty-overview"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("svg.line-chart"))).hasSize(7);
        assertThat(browser.findElement(By.id("no-orders")).getText()).contains("No orders yet");
        AxeCheck.assertNoSeriousViolations(browser, "overview with a customer");

        // The first flow: listed by its name; its page says why it has sent nothing yet, and again once paused.
        writeFirstFlow();
        given().post("/api/flows/reload").then().statusCode(200);
        browser.get(url("/flows"));
        assertThat(browser.findElement(By.cssSelector("tr[data-flow-id=first-steps] .flow-name"))
                        .getText())
                .isEqualTo("First steps");
        browser.findElement(By.linkText("First steps")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("First steps");
        assertThat(browser.findElement(By.id("no-texts")).getText())
                .contains("Nobody has reached a text of it yet: customers enter when a new customer is added");
        AxeCheck.assertNoSeriousViolations(browser, "flow without texts");
        browser.findElement(By.id("pause-button")).click();
        assertThat(browser.findElement(By.id("no-texts")).getText())
                .contains("The flow is paused: nobody new enters it and none of its texts leave until it is resumed")
                .doesNotContain("Nobody has reached a text");
    }

    private static void writeFirstFlow() {
        try {
            Files.writeString(Path.of(System.getProperty("comeback.test.fresh-flows"), "first-steps.yaml"), """
                    id: first-steps
                    name: First steps
                    settings:
                      kind: marketing
                      quiet_hours: none
                    trigger:
                      customer_created: {}
                    steps:
                      - id: wait
                        wait: P2D
                      - id: hello
                        send:
                          text: "Velkommen! Svar STOPP for å melde deg av"
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
