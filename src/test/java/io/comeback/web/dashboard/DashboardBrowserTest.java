package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.HeadlessChromium;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Debian chromium through Selenium): sign in with the form, open a flow
 * and check every funnel number on the page equals {@code GET /api/reports/flows/{id}} for the period the page
 * shows, then close an inbox conversation with its button. The runtime is driven step by step ({@link RuntimeDriver}).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class DashboardBrowserTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    // A day no other test uses, so the flow's funnel for it holds exactly what this test made.
    private static final Instant THURSDAY_10 =
            LocalDateTime.of(2033, 6, 9, 10, 0).atZone(OSLO).toInstant();

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 900);
        // A click on a submit button returns before the next page has loaded: look-ups wait for their element.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInSeeTheFunnelMatchTheApiAndCloseAConversation() {
        TestClockProducer.CLOCK.setTo(THURSDAY_10);
        String customer = feedbackCustomerWhoWasTextedAndAnswered();
        String inboxText = "Når kommer neste salg? " + customer;
        given().body(Map.of("from", TestData.norwegianMobile(), "body", inboxText))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);

        // A page without a session leads to the login form, which leads back to the page.
        browser.get(url("/flows/feedback?from=2033-06-09&to=2033-06-09"));
        assertThat(browser.getCurrentUrl()).contains("/login?next=");
        Api.user("browser-test", "marketer");
        browser.findElement(By.id("username")).sendKeys("browser-test");
        browser.findElement(By.id("password")).sendKeys(Api.password("browser-test"));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/flows/feedback"));
        assertThat(browser.getCurrentUrl()).contains("/flows/feedback?from=2033-06-09&to=2033-06-09");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Post-purchase feedback (NPS)");

        String from = browser.findElement(By.id("period-from")).getAttribute("datetime");
        String to = browser.findElement(By.id("period-to")).getAttribute("datetime");
        Map<String, Object> funnel = given().queryParam("from", from)
                .queryParam("to", to)
                .get("/api/reports/flows/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("funnel");
        List<WebElement> cells = browser.findElements(By.cssSelector("#funnel-table td[data-figure]"));
        assertThat(cells).hasSizeGreaterThanOrEqualTo(13);
        for (WebElement cell : cells) {
            String figure = cell.getAttribute("data-figure");
            assertThat(funnel).as("the API has the page's figure " + figure).containsKey(figure);
            assertThat(number(cell.getText()))
                    .as(figure + " on the page vs the API")
                    .isEqualByComparingTo(new BigDecimal(String.valueOf(funnel.get(figure))));
        }
        // What this test made: one customer entered, was texted, the text was delivered and answered.
        assertThat(((Number) funnel.get("entered")).longValue()).isEqualTo(1);
        assertThat(((Number) funnel.get("sent")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) funnel.get("replied")).longValue()).isEqualTo(1);
        assertThat(browser.findElement(By.id("funnel-chart")).getAttribute("role"))
                .isEqualTo("img");

        // The inbox: the text's conversation is there; closed from its thread it leaves the list, and the API says
        // its text was handled by this user.
        browser.findElement(By.linkText("Inbox")).click();
        WebElement row = browser.findElement(By.xpath("//tr[td[contains(., '" + inboxText + "')]]"));
        String id = row.getAttribute("data-conversation-id");
        row.findElement(By.tagName("a")).click();
        browser.findElement(By.xpath("//button[normalize-space()='Close conversation']"))
                .click();
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .contains("Conversation " + id + " closed");
        assertThat(browser.getPageSource()).doesNotContain(inboxText);
        given().queryParam("handled", "all")
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .body("find { it.body == '" + inboxText + "' }.handled", org.hamcrest.Matchers.equalTo(true))
                .body(
                        "find { it.body == '" + inboxText + "' }.handledBy",
                        org.hamcrest.Matchers.equalTo("browser-test"));
    }

    /** A customer whose order put them in the feedback flow, whose NPS question was delivered and who answered 9. */
    private static String feedbackCustomerWhoWasTextedAndAnswered() {
        String customer = TestData.id("browser");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "firstName", "Nora"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        given().body(Map.of(
                        "orderId",
                        TestData.id("browser-order"),
                        "customerId",
                        customer,
                        "total",
                        "499.00",
                        "currency",
                        "NOK",
                        "placedAt",
                        THURSDAY_10.minus(Duration.ofDays(6)).toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
        RuntimeDriver runtime = new RuntimeDriver();
        runtime.runDue();
        runtime.advance(runtime.receiptDelay());
        assertThat(statuses(customer))
                .as("the NPS question delivered to " + customer)
                .contains("delivered");
        given().body(Map.of("from", phone, "body", "9"))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        // Every text of this customer (the thank-you) settled, so page and API read the same numbers.
        runtime.runDue();
        runtime.advance(runtime.receiptDelay());
        assertThat(statuses(customer))
                .as("every text to " + customer + " delivered")
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(st -> st.equals("delivered"));
        return customer;
    }

    private static List<String> statuses(String customer) {
        return given().get("/api/customers/" + customer + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("status");
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** A figure as the page writes it ("1,234", "499.00", "12.5 %") as a number. */
    private static BigDecimal number(String text) {
        return new BigDecimal(
                text.replace(",", "").replace("%", "").replace("NOK", "").strip());
    }
}
