package io.comeback.web.dashboard;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.EditorFlowsProfile;
import io.comeback.testing.HeadlessChromium;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The flow editor in a real browser: a marketer writes a flow with a typo, sees it marked on its line, fixes it,
 * simulates a customer and publishes; a new customer enters the new version, and restoring the previous version makes
 * the next customer enter that one. A viewer gets no publish button and a forged publish is refused. The flows
 * folder is the test's own ({@link EditorFlowsProfile}).
 */
@QuarkusTest
@TestProfile(EditorFlowsProfile.class)
class FlowEditorBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 1000);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String flow(String id, String greeting, String sendKey) {
        return """
                id: %s
                settings:
                  kind: transactional
                  default_locale: en
                trigger: customer_created
                steps:
                  - id: hello
                    %s:
                      text:
                        en: "%s {{ customer.firstName }}, welcome!"
                """.formatted(id, sendKey, greeting);
    }

    @Test
    void aMarketerWritesSimulatesPublishesAndRestoresAFlow() {
        String id = TestData.id("edit").toLowerCase().replaceAll("[^a-z0-9_-]", "-");
        signIn("editor-marketer", "marketer", "/flows/new");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("New flow");
        browser.findElement(By.id("new-flow-id")).clear();
        browser.findElement(By.id("new-flow-id")).sendKeys(id);

        // A typo on line 8 ("sned" for "send") is marked on line 8 while typing.
        type(flow(id, "Hello", "sned"));
        wait.until(d -> !d.findElements(By.cssSelector("#problem-list li[data-line='8']"))
                .isEmpty());
        assertThat(browser.findElements(By.xpath("//div[contains(@class,'CodeMirror-gutter-wrapper')]"
                        + "[.//div[contains(@class,'CodeMirror-linenumber') and normalize-space()='8']]"
                        + "//div[contains(@class,'CodeMirror-lint-marker-error')]")))
                .as("the error marker sits in the gutter of line 8")
                .hasSize(1);
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor-notice"), "Not published"));

        type(flow(id, "Hello", "send"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem-summary"), "No problems."));

        // The simulation shows the text as it will read, with its segment count.
        browser.findElement(By.id("sim-first-name")).clear();
        browser.findElement(By.id("sim-first-name")).sendKeys("Nora");
        browser.findElement(By.id("simulate")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#timeline tr[data-kind='send']"))
                .isEmpty());
        var send = browser.findElement(By.cssSelector("#timeline tr[data-kind='send']"));
        assertThat(send.getText()).contains("Hello Nora, welcome!");
        assertThat(send.findElement(By.cssSelector("td[data-figure='segments']"))
                        .getText())
                .isEqualTo("1");

        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlContains("/flows/" + id + "/edit"));
        wait.until(
                d -> !d.findElements(By.cssSelector("#versions-table tbody tr")).isEmpty());
        String first = runningVersion(id);
        assertThat(entersVersion(id)).isEqualTo(first);

        // A second version, published from the editor.
        type(flow(id, "Hi", "send"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem-summary"), "No problems."));
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor-notice"), "Published version"));
        String second = runningVersion(id);
        assertThat(second).isNotEqualTo(first);
        assertThat(entersVersion(id)).isEqualTo(second);

        // Restore the first: it runs again and the next customer enters it.
        wait.until(d -> d.findElements(By.cssSelector("#versions-table tr[data-version='" + first + "'] button"))
                        .size()
                >= 3);
        browser.findElement(By.xpath(
                        "//tr[@data-version='" + first + "']//button[normalize-space()='Compare with running']"))
                .click();
        wait.until(d -> !d.findElements(By.cssSelector("#version-view-body .diff-added"))
                .isEmpty());
        assertThat(browser.findElement(By.cssSelector("#version-view-body .diff-removed"))
                        .getText())
                .contains("Hello");
        browser.findElement(By.xpath("//tr[@data-version='" + first + "']//button[normalize-space()='Restore']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor-notice"), "Restored"));
        assertThat(runningVersion(id)).isEqualTo(first);
        assertThat(entersVersion(id)).isEqualTo(first);
        given().get("/api/flows/" + id + "/versions")
                .then()
                .body("[0].publishedBy", org.hamcrest.Matchers.equalTo("editor-marketer"))
                .body("[0].restoredFrom", org.hamcrest.Matchers.equalTo(first));
    }

    @Test
    void aViewerHasNoPublishButtonAndAForgedPublishIsRefused() {
        String id = TestData.id("view").toLowerCase().replaceAll("[^a-z0-9_-]", "-");
        given().contentType("text/yaml")
                .body(flow(id, "Hello", "send"))
                .post("/api/flows/" + id + "/publish")
                .then()
                .statusCode(200);
        signIn("editor-viewer", "viewer", "/flows/" + id + "/edit");
        assertThat(browser.findElement(By.id("read-only-note")).getText()).contains("not save or publish");
        assertThat(HeadlessChromium.foundNow(browser, By.id("publish"))).isEmpty();
        assertThat(HeadlessChromium.foundNow(browser, By.id("save-draft"))).isEmpty();
        String csrf = browser.findElement(By.id("flow-editor")).getAttribute("data-csrf");
        String session = browser.manage().getCookieNamed(SignedInFilter.COOKIE).getValue();
        for (String path : List.of("/edit/publish", "/edit/draft")) {
            var request = RestAssured.given()
                    .cookie(SignedInFilter.COOKIE, session)
                    .header(FlowEditorPage.CSRF_HEADER, csrf)
                    .contentType("text/plain")
                    .body(flow(id, "Forged", "send"));
            (path.endsWith("draft") ? request.put("/flows/" + id + path) : request.post("/flows/" + id + path))
                    .then()
                    .statusCode(403);
        }
        assertThat(runningVersionText(id)).contains("Hello");
    }

    private void signIn(String user, String role, String page) {
        Api.user(user, role);
        browser.get(url(page));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(Api.password(user));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flow-editor")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!window.flowEditor"));
    }

    /** Puts the text into the editor as if typed: CodeMirror's change events run the checks as typing does. */
    private void type(String text) {
        ((JavascriptExecutor) browser).executeScript("window.flowEditor.setValue(arguments[0])", text);
    }

    private static String runningVersion(String id) {
        return given().get("/api/flows").then().extract().path("find { it.id == '" + id + "' }.version");
    }

    private static String runningVersionText(String id) {
        return given().get("/api/flows/" + id + "/versions/" + runningVersion(id))
                .then()
                .extract()
                .path("source");
    }

    /** The version of the flow a customer created now enters. */
    private static String entersVersion(String flowId) {
        String customer = TestData.id("edit-cust");
        given().body(Map.of("phone", TestData.norwegianMobile(), "firstName", "Ola"))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        new RuntimeDriver().runDue();
        List<Map<String, Object>> enrollments = given().get("/api/customers/" + customer + "/enrollments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        return enrollments.stream()
                .filter(e -> flowId.equals(e.get("flowId")))
                .map(e -> (String) e.get("flowVersion"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(customer + " entered no version of " + flowId + ": " + enrollments));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
