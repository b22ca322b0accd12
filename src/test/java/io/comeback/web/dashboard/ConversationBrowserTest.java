package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.Api;
import io.comeback.testing.AxeCheck;
import io.comeback.testing.HeadlessChromium;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * ConversationStore in a real browser (headless chromium), the runtime driven step by step: a customer texts a question,
 * a marketer answers it from the inbox with the keyboard, and the answer reaches the customer's phone (the simulator)
 * exactly once; a viewer reads the thread but has no reply box, and a reply posted by hand with their session is
 * refused. Every page on the way passes axe-core without a serious or critical violation.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ConversationBrowserTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant WEDNESDAY_11 =
            LocalDateTime.of(2035, 9, 12, 11, 0).atZone(OSLO).toInstant();

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 900);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerAsksTheMarketerAnswersFromTheInboxAndTheAnswerArrivesOnce() {
        TestClockProducer.CLOCK.setTo(WEDNESDAY_11);
        String customer = TestData.id("asks");
        String phone = TestData.norwegianMobile();
        given().body(Map.of("phone", phone, "firstName", "Astrid", "lastName", "Berg"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String question = "Har dere joggesko i str 38? " + customer;
        given().body(Map.of("from", phone, "body", question))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);

        String marketer = "marketer-" + TestData.letters();
        signIn(marketer, "marketer", "/inbox");
        assertAccessible("inbox");
        WebElement row = browser.findElement(By.xpath("//tr[td[contains(., '" + question + "')]]"));
        assertThat(row.getAttribute("class")).contains("unread");
        row.findElement(By.linkText("Astrid Berg")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/inbox/\\d+$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Conversation with Astrid Berg");
        assertThat(browser.findElement(By.cssSelector("ol.thread")).getText()).contains(question);
        assertAccessible("conversation");

        // Keyboard only: type the answer, Tab to the button, Enter.
        String answer = "Ja, vi har str 38 i hvit og svart. " + customer;
        WebElement box = browser.findElement(By.id("reply-body"));
        assertThat(browser.findElement(By.cssSelector("label[for=reply-body]")).getText())
                .isEqualTo("Your answer to Astrid Berg");
        box.sendKeys(answer);
        box.sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Send reply");
        focused.sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("reply-status")).getText()).contains("Reply sent");

        RuntimeDriver runtime = new RuntimeDriver();
        runtime.runDue();
        runtime.advance(runtime.receiptDelay());
        runtime.runDue();
        List<String> received = given().queryParam("to", phone)
                .get("/simulator/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("body", String.class);
        assertThat(received)
                .filteredOn(answer::equals)
                .as("the answer on the phone")
                .hasSize(1);
        given().get("/api/customers/" + customer + "/messages")
                .then()
                .body("find { it.body == '" + answer + "' }.sentBy", equalTo(marketer))
                .body("find { it.body == '" + answer + "' }.kind", equalTo("conversation"))
                .body("find { it.body == '" + answer + "' }.status", equalTo("delivered"));

        browser.navigate().refresh();
        WebElement reply = browser.findElement(By.xpath("//li[p[contains(., '" + answer + "')]]"));
        assertThat(reply.getText()).contains("Reply by " + marketer).contains("delivered");

        // The customer page shows the reply, and the follow-up list is reachable from the menu.
        browser.findElement(By.linkText(customer)).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Astrid Berg");
        assertThat(browser.findElement(By.cssSelector("table.texts")).getText()).contains("Reply by " + marketer);
        assertAccessible("customer");
        browser.findElement(By.linkText("Follow-ups")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Follow-ups");
        assertAccessible("follow-ups");

        // The other pages of the dashboard pass the same check.
        for (String page : List.of(
                "/",
                "/flows",
                "/flows/feedback",
                "/inbox?show=all",
                "/customers?q=nobody",
                "/referrals",
                "/campaigns",
                "/campaigns/new")) {
            browser.get(url(page));
            assertAccessible(page);
        }
    }

    @Test
    void aViewerReadsTheThreadButCannotReply() {
        TestClockProducer.CLOCK.setTo(WEDNESDAY_11);
        String phone = TestData.norwegianMobile();
        String question = "Når kommer høstkolleksjonen? " + phone;
        given().body(Map.of("from", phone, "body", question))
                .post("/simulator/inbound")
                .then()
                .statusCode(200);
        long id = given().queryParam("phone", phone)
                .get("/api/conversations")
                .then()
                .extract()
                .jsonPath()
                .getLong("[0].id");

        signIn("viewer-" + TestData.letters(), "viewer", "/inbox/" + id);
        assertThat(browser.findElement(By.cssSelector("ol.thread")).getText()).contains(question);
        assertThat(HeadlessChromium.foundNow(browser, By.id("reply-body"))).isEmpty();
        assertThat(HeadlessChromium.foundNow(browser, By.cssSelector("form[action$='/replies']")))
                .isEmpty();
        assertThat(HeadlessChromium.foundNow(browser, By.cssSelector("form[action$='/close']")))
                .isEmpty();
        assertThat(browser.findElement(By.id("read-only")).getText()).contains("marketer role");
        assertAccessible("conversation (viewer)");

        // A reply forged with the viewer's own session and form token is refused, and nothing is written.
        String session = browser.manage().getCookieNamed("comeback_session").getValue();
        String csrf = browser.findElement(By.cssSelector("input[name=csrf]")).getAttribute("value");
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie("comeback_session", session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", csrf)
                .formParam("body", "Forged answer")
                .post("/inbox/" + id + "/replies")
                .then()
                .statusCode(403);
        given().get("/api/conversations/" + id)
                .then()
                .body("messages.findAll { it.kind == 'REPLY' }.size()", equalTo(0));

        // The check itself can fail: an input without a label is a critical violation.
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')");
        assertThat(AxeCheck.seriousViolations(browser))
                .anySatisfy(v -> assertThat(v).contains("label"));
    }

    /** Signs in through the login form, starting from {@code page}. */
    private void signIn(String username, String role, String page) {
        Api.user(username, role);
        browser.get(url(page));
        assertAccessible("login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Api.password(username));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void assertAccessible(String page) {
        // -Dcomeback.shots=<folder> keeps a picture of each page checked, to look at by hand.
        String shots = System.getProperty("comeback.shots");
        if (shots != null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(shots));
                java.nio.file.Files.write(
                        java.nio.file.Path.of(shots, page.replaceAll("[^a-z]+", "-") + ".png"),
                        ((org.openqa.selenium.TakesScreenshot) browser)
                                .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        AxeCheck.assertNoSeriousViolations(browser, page);
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
