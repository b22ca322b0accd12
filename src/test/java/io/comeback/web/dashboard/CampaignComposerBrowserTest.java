package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.Api;
import io.comeback.testing.AxeCheck;
import io.comeback.testing.HeadlessChromium;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaign composer in a real browser, the runtime driven step by step: a marketer writes a campaign with a
 * typo, sees it marked on its line, fixes it, previews it (who, how many, what it costs), creates it and starts it;
 * its texts reach the simulator once each, Oslo's at 10:00 Oslo time and New York's at 10:00 New York time. A viewer
 * sees the composer without its buttons and a forged start is refused. Each page passes axe-core.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class CampaignComposerBrowserTest {

    /** Wednesday 12 September 2035: Oslo is on UTC+2, New York on UTC−4. */
    private static final Instant MORNING = Instant.parse("2035-09-12T05:00:00Z");

    private static final Instant OSLO_TEN = Instant.parse("2035-09-12T08:00:00Z");
    private static final Instant NEW_YORK_TEN = Instant.parse("2035-09-12T14:00:00Z");

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 1000);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String campaign(String id, String cohort, String sendKey) {
        return """
                id: %s
                name: Autumn sale %s
                audience:
                  - attribute: cohort
                    equals: %s
                %s:
                  text:
                    nb: "Høstsalg i dag! Svar STOPP for å melde deg av."
                    en: "Autumn sale today! Reply STOP to opt out."
                schedule:
                  date: 2035-09-12
                  at: "10:00"
                """.formatted(id, id, cohort, sendKey);
    }

    @Test
    void aMarketerWritesPreviewsAndStartsACampaignThatArrivesOnceAtEachLocalTen() {
        TestClockProducer.CLOCK.setTo(MORNING);
        RuntimeDriver runtime = new RuntimeDriver();
        String cohort = TestData.letters();
        List<String> oslo = cohort(cohort, 3, "Europe/Oslo", "nb-NO", TestData::norwegianMobile);
        cohort(cohort, 2, "America/New_York", "en-US", TestData::usMobile);
        String id = "autumn-" + cohort;

        signIn("camp-marketer-" + cohort, "marketer", "/campaigns");
        AxeCheck.assertNoSeriousViolations(browser, "campaigns");
        browser.findElement(By.id("new-campaign-link")).click();
        waitForEditor();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("New campaign");

        // A typo on line 6 ("sned" for "send") is marked on line 6 while typing.
        type(campaign(id, cohort, "sned"));
        wait.until(d -> !d.findElements(By.cssSelector("#problem-list li[data-line='6']"))
                .isEmpty());
        assertThat(browser.findElements(By.xpath("//div[contains(@class,'CodeMirror-gutter-wrapper')]"
                        + "[.//div[contains(@class,'CodeMirror-linenumber') and normalize-space()='6']]"
                        + "//div[contains(@class,'CodeMirror-lint-marker-error')]")))
                .as("the error marker sits in the gutter of line 6")
                .hasSize(1);
        browser.findElement(By.id("save-draft")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor-notice"), "Not saved"));
        given().get("/api/campaigns/" + id).then().statusCode(404);

        type(campaign(id, cohort, "send"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem-summary"), "No problems."));

        // Ctrl-Space on an empty line completes the campaign's keys, explained from the schema.
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        ((JavascriptExecutor) browser)
                .executeScript("var cm = window.campaignEditor; cm.focus(); cm.setCursor(cm.lineCount() - 1, 0);");
        wait.until(d -> {
            new Actions(d)
                    .keyDown(Keys.CONTROL)
                    .sendKeys(" ")
                    .keyUp(Keys.CONTROL)
                    .perform();
            return d.findElements(By.cssSelector(".CodeMirror-hints li")).stream()
                    .anyMatch(li -> li.getText().startsWith("holdout_percent — "));
        });
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> d.findElements(By.cssSelector(".CodeMirror-hints")).isEmpty());
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));

        // The preview: five people, their texts one segment each, and the cost per country.
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-notice"), "Preview updated"));
        assertThat(browser.findElement(By.cssSelector("#preview-summary [data-figure='audience']"))
                        .getText())
                .isEqualTo("5");
        assertThat(browser.findElement(By.cssSelector("#preview-costs tr[data-country='NO']"))
                        .getText())
                .contains("3");
        assertThat(browser.findElement(By.cssSelector("#preview-costs tr[data-country='US']"))
                        .getText())
                .contains("2");
        assertThat(browser.findElement(By.cssSelector("#preview-costs [data-figure='total-cost']"))
                        .getText())
                .matches("[A-Z]{3} \\d[\\d,]*\\.\\d\\d");
        assertThat(browser.findElement(By.cssSelector("#preview-texts tr[data-language='nb'] [data-figure='segments']"))
                        .getText())
                .isEqualTo("1");
        assertThat(browser.findElement(By.id("preview-schedule")).getText())
                .contains("Wednesday 12 September 2035 at 10:00 in each recipient's own time zone");
        AxeCheck.assertNoSeriousViolations(browser, "new campaign with its preview");

        browser.findElement(By.id("save-draft")).click();
        wait.until(ExpectedConditions.urlContains("/campaigns/" + id));
        waitForEditor();
        assertThat(browser.findElement(By.id("campaign-state")).getText()).isEqualTo("draft");
        AxeCheck.assertNoSeriousViolations(browser, "campaign draft");

        // Start asks first, naming the texts it sends.
        browser.findElement(By.id("start-button")).click();
        assertThat(browser.findElement(By.id("confirm-start-button")).getText()).isEqualTo("Yes, start: send 5 texts");
        browser.findElement(By.id("confirm-start-button")).click();
        wait.until(ExpectedConditions.urlContains("done=started"));
        assertThat(browser.findElement(By.id("campaign-state")).getText()).isEqualTo("scheduled");
        assertThat(browser.findElement(By.cssSelector("#live-counts [data-figure='queued']"))
                        .getText())
                .isEqualTo("5");

        // Oslo's texts at 10:00 Oslo time, New York's at 10:00 New York time, not a minute before.
        runtime.stepTo(OSLO_TEN.minusSeconds(60), Duration.ofMinutes(30));
        assertThat(simulatorTexts(id)).isZero();
        TestClockProducer.CLOCK.setTo(OSLO_TEN);
        runtime.runDue();
        runtime.deliverReceipts();
        assertThat(simulatorTexts(id)).isEqualTo(3);
        runtime.stepTo(NEW_YORK_TEN.minusSeconds(60), Duration.ofHours(1));
        assertThat(simulatorTexts(id)).isEqualTo(3);
        TestClockProducer.CLOCK.setTo(NEW_YORK_TEN);
        runtime.runDue();
        runtime.stepTo(NEW_YORK_TEN.plus(Duration.ofHours(2)), Duration.ofMinutes(30));
        runtime.deliverReceipts();
        assertThat(simulatorTexts(id)).isEqualTo(5);
        assertThat(mostCopiesOfOneText(id)).as("no text sent twice").isEqualTo(1);

        // One of Oslo's recipients orders: a conversion, and its revenue with the currency.
        given().body(Map.of(
                        "orderId", TestData.orderId(),
                        "customerId", oslo.get(0),
                        "total", "300.00",
                        "currency", "NOK",
                        "placedAt", TestClockProducer.CLOCK.instant().toString()))
                .post("/api/orders")
                .then()
                .statusCode(201);
        runtime.advance(Duration.ofMinutes(1));

        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("#live-counts [data-figure='converted']"))
                        .getText())
                .isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#live-counts [data-figure='revenue']"))
                        .getText())
                .isEqualTo("NOK 300.00");
        assertThat(browser.findElement(By.cssSelector("#live-counts [data-figure='sent']"))
                        .getText())
                .isEqualTo("5");
        assertThat(browser.findElement(By.cssSelector("#live-counts [data-figure='delivered']"))
                        .getText())
                .isEqualTo("5");
        assertThat(browser.findElement(By.cssSelector("#live-counts [data-figure='queued']"))
                        .getText())
                .isEqualTo("0");
        assertThat(browser.findElement(By.id("report-link")).getAttribute("href"))
                .endsWith("/flows/campaign." + id);
        AxeCheck.assertNoSeriousViolations(browser, "campaign sent");
        browser.findElement(By.linkText("Campaigns")).click();
        assertThat(browser.findElement(By.cssSelector("#campaigns-table tr[data-campaign='" + id + "']"))
                        .getText())
                .contains("Autumn sale " + id)
                .contains("5");
    }

    @Test
    void aViewerCannotStartACampaign() {
        TestClockProducer.CLOCK.setTo(MORNING);
        String cohort = TestData.letters();
        String id = "viewed-" + cohort;
        given().contentType("text/plain; charset=UTF-8")
                .body(campaign(id, cohort, "send").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/campaigns/" + id)
                .then()
                .statusCode(201);
        signIn("camp-viewer-" + cohort, "viewer", "/campaigns/" + id);
        waitForEditor();
        assertThat(browser.findElement(By.id("read-only-note")).getText()).contains("not save, start");
        assertThat(HeadlessChromium.foundNow(browser, By.id("start-button"))).isEmpty();
        assertThat(HeadlessChromium.foundNow(browser, By.id("save-draft"))).isEmpty();
        assertThat((Boolean) ((JavascriptExecutor) browser)
                        .executeScript("return window.campaignEditor.getOption('readOnly')"))
                .isTrue();
        AxeCheck.assertNoSeriousViolations(browser, "campaign (viewer)");

        String session = browser.manage().getCookieNamed(SignedInFilter.COOKIE).getValue();
        String csrf = browser.findElement(By.cssSelector("input[name=csrf]")).getAttribute("value");
        RestAssured.given()
                .redirects()
                .follow(false)
                .cookie(SignedInFilter.COOKIE, session)
                .contentType(ContentType.URLENC)
                .formParam("csrf", csrf)
                .post("/campaigns/" + id + "/start")
                .then()
                .statusCode(403);
        given().get("/api/campaigns/" + id).then().body("state", equalTo("draft"));
    }

    private static List<String> cohort(String cohort, int count, String zone, String locale, Supplier<String> phones) {
        StringBuilder file =
                new StringBuilder("externalId,firstName,phone,timeZone,locale,consentStatus,consentSource,cohort\n");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestData.id("comp"));
            file.append(ids.get(i))
                    .append(",Kari,")
                    .append(phones.get())
                    .append(',')
                    .append(zone)
                    .append(',')
                    .append(locale)
                    .append(",opted_in,checkout,")
                    .append(cohort)
                    .append('\n');
        }
        Api.csv(file.toString()).post("/api/import/customers").then().statusCode(200);
        return ids;
    }

    private static long simulatorTexts(String campaignId) {
        return count("""
                SELECT count(*) FROM simulator_messages s JOIN outbound_messages o ON o.id = s.ledger_id
                JOIN enrollments e ON e.id = o.enrollment_id WHERE e.flow_id = ?""", campaignId);
    }

    private static long mostCopiesOfOneText(String campaignId) {
        return count("""
                SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM simulator_messages s
                JOIN outbound_messages o ON o.id = s.ledger_id JOIN enrollments e ON e.id = o.enrollment_id
                WHERE e.flow_id = ? GROUP BY s.ledger_id) t""", campaignId);
    }

    private static long count(String sql, String campaignId) {
        AgroalDataSource dataSource =
                Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, "campaign." + campaignId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void signIn(String user, String role, String page) {
        Api.user(user, role);
        browser.get(url(page));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(Api.password(user));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void waitForEditor() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-composer")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!window.campaignEditor"));
    }

    /** Puts the text into the editor as if typed: CodeMirror's change events run the checks as typing does. */
    private void type(String text) {
        ((JavascriptExecutor) browser).executeScript("window.campaignEditor.setValue(arguments[0])", text);
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
