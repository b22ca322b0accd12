package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.AxeCheck;
import io.comeback.testing.HeadlessChromium;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The overview and the pages near it as a shop's marketer reads them, in a real browser: flows by their names, money
 * with the shop's currency, retention and churn with the lapse definition beside them, a default period that ends
 * today with this month marked as not over yet, chart axes of round ticks, and no serious accessibility violation.
 */
@QuarkusTest
class OverviewBrowserTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 900);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theOverviewReadsRightForAMarketer() {
        // Today is 17 March 2031 in the shop's zone; orders this month and in earlier months.
        TestClockProducer.CLOCK.setTo(
                LocalDateTime.of(2031, 3, 17, 12, 0).atZone(OSLO).toInstant());
        String customer = TestData.id("overview");
        given().body(Map.of("phone", TestData.norwegianMobile(), "firstName", "Ingrid"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        for (String placed : List.of("2030-06-10T10:00:00Z", "2031-02-03T10:00:00Z", "2031-03-02T10:00:00Z")) {
            given().body(Map.of(
                            "orderId",
                            TestData.id("overview-order"),
                            "customerId",
                            customer,
                            "total",
                            "1249.50",
                            "currency",
                            "NOK",
                            "placedAt",
                            placed))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
        }
        signIn("overview-marketer");

        browser.get(url("/"));
        // The default period ends today; this month is there, marked as not over yet.
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo("2031-03-17");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("2030-04-01");
        assertThat(browser.findElement(By.id("partial-note")).getText())
                .contains("Not over yet: 2031-03 (2031-03-01 to 2031-03-17)");
        WebElement aov = browser.findElement(By.id("figure-aov"));
        assertThat(aov.findElements(By.cssSelector("svg text")))
                .extracting(WebElement::getText)
                .contains("2031-03 *");
        assertThat(aov.findElements(By.cssSelector("tr.partial th")))
                .extracting(e -> e.getAttribute("textContent"))
                .containsExactly("2031-03 (not over yet)");
        assertThat(aov.findElements(By.cssSelector("circle.dot.partial"))).hasSize(1);

        // Money with the shop's currency: the figures, the note and the axis.
        assertThat(aov.findElement(By.className("value")).getText()).matches("NOK [\\d,]+\\.\\d\\d");
        assertThat(aov.findElement(By.className("note")).getText()).contains("revenue NOK ");
        assertThat(aov.findElement(By.cssSelector("svg text.unit")).getText()).isEqualTo("NOK");
        assertThat(browser.findElement(By.cssSelector("#figure-clv .value")).getText())
                .startsWith("NOK ");

        // Retention and churn with their definition: the lapse window in words, the same as the figures use.
        String lapse = browser.findElement(By.id("lapse-definition")).getText();
        assertThat(lapse).contains("Lapsed means no order for 365 days").contains("Win-back flow Win-back finds");
        assertThat(browser.findElement(By.cssSelector("#figure-crr .note")).getText())
                .contains("(365 days without an order)");
        assertThat(browser.findElement(By.cssSelector("#figure-churn .note")).getText())
                .contains("lapsed (365 days without an order)");
        String text = browser.findElement(By.tagName("main")).getText();
        assertThat(text).doesNotContainPattern("\\bP(T)?\\d+[DHMYW]\\b");

        // Flows by their names in the customer filter.
        assertThat(browser.findElements(By.cssSelector("#flow option")))
                .extracting(WebElement::getText)
                .contains("who entered Post-purchase feedback (NPS)", "who entered Win-back", "who entered Welcome");

        // Every value axis steps by 1, 2 or 5 times a power of ten, from a multiple of its step.
        List<WebElement> charts = browser.findElements(By.cssSelector("svg.line-chart"));
        assertThat(charts).hasSize(7);
        for (WebElement chart : charts) {
            List<Double> ticks = chart.findElements(By.cssSelector("text.tick")).stream()
                    .map(t -> Double.parseDouble(t.getAttribute("data-tick")))
                    .toList();
            if (ticks.isEmpty()) {
                continue; // no values in the period
            }
            assertRoundTicks(chart.getAttribute("id"), ticks);
        }
        AxeCheck.assertNoSeriousViolations(browser, "overview");

        // The flows list: names first, the id beside them, and what starts each flow.
        browser.get(url("/flows"));
        WebElement feedback = browser.findElement(By.cssSelector("tr[data-flow-id=feedback]"));
        assertThat(feedback.findElement(By.className("flow-name")).getText()).isEqualTo("Post-purchase feedback (NPS)");
        assertThat(feedback.findElement(By.className("flow-id")).getText()).isEqualTo("feedback");
        assertThat(feedback.getText()).contains("an order is placed (texts after 5 days)");
        AxeCheck.assertNoSeriousViolations(browser, "flows");

        // A flow's page by its name, its attribution window in words; a customer's total spent with the currency.
        browser.get(url("/flows/feedback"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Post-purchase feedback (NPS)");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Attribution window: an order within 5 days")
                .doesNotContainPattern("\\bP(T)?\\d+[DHMYW]\\b");
        AxeCheck.assertNoSeriousViolations(browser, "flow");
        browser.get(url("/customers/" + customer));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("NOK 3,748.50");
    }

    /** Equal steps of 1, 2 or 5 × 10^k, each tick a multiple of the step. */
    static void assertRoundTicks(String chart, List<Double> ticks) {
        assertThat(ticks).as(chart + " ticks").hasSizeBetween(3, 7);
        double step = ticks.get(1) - ticks.get(0);
        double magnitude = Math.pow(10, Math.floor(Math.log10(step)));
        assertThat(Math.round(step / magnitude * 1000) / 1000.0)
                .as(chart + " step " + step)
                .isIn(1.0, 2.0, 5.0);
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i))
                    .as(chart + " tick " + i)
                    .isCloseTo(ticks.get(0) + i * step, org.assertj.core.data.Offset.offset(step * 1e-6));
            double multiple = ticks.get(i) / step;
            assertThat(Math.abs(multiple - Math.rint(multiple)))
                    .as(chart + " tick " + ticks.get(i) + " on the step")
                    .isLessThan(1e-6);
        }
    }

    private void signIn(String user) {
        String session = Api.signIn(user, "marketer");
        browser.get(url("/login"));
        browser.manage().addCookie(new Cookie("comeback_session", session));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
