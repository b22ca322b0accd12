package io.comeback.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * By hand, not part of the suite (the name ends in "Check"): signs in to a running service and saves PNG screenshots
 * of the main dashboard pages. {@code deploy/screenshots.sh} starts a service with demo data and runs it:
 * {@code mvn test -Dtest=DashboardScreenshotsCheck -Dcomeback.url=http://localhost:18431 -Dcomeback.user=admin -Dcomeback.password=dev-password -Dscreenshots.dir=deploy/screenshots}
 */
class DashboardScreenshotsCheck {

    @Test
    void capture() throws Exception {
        String url = System.getProperty("comeback.url", "http://localhost:8080").replaceAll("/$", "");
        String user = System.getProperty("comeback.user", "admin");
        String password = System.getProperty("comeback.password", "dev-password");
        Path dir = Path.of(System.getProperty("screenshots.dir", "deploy/screenshots"));
        String customer = System.getProperty("screenshots.customer", "demo-0002");
        String conversation = System.getProperty("screenshots.conversation", "1");
        Files.createDirectories(dir);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("overview", "/");
        pages.put("flow", "/flows/feedback");
        pages.put("flows", "/flows");
        pages.put("inbox", "/inbox");
        pages.put("customer", "/customers/" + customer);
        pages.put("campaign", "/campaigns/vip-offer");
        pages.put("conversation", "/inbox/" + conversation);
        WebDriver browser = HeadlessChromium.start(1280, 900);
        try {
            browser.get(url + "/login");
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.get(url + page.getValue());
                assertThat(browser.getCurrentUrl()).as(page.getKey()).doesNotContain("/login");
                if (page.getKey().equals("campaign")) {
                    showPreview(browser);
                }
                // The whole page, not only the first screenful: grow the window to the document's height. The
                // composer's is the editor beside the preview's summary; its long sample of recipients is left out.
                long height = (Long)
                        ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
                int shown = page.getKey().equals("campaign") ? 1250 : (int) Math.min(Math.max(height + 140, 900), 4000);
                browser.manage().window().setSize(new Dimension(1280, shown));
                Files.write(
                        dir.resolve(page.getKey() + ".png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                browser.manage().window().setSize(new Dimension(1280, 900));
            }
        } finally {
            browser.quit();
        }
    }

    /** The composer with its preview: who gets the campaign, the texts and what they cost. */
    private static void showPreview(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!window.campaignEditor"));
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-notice"), "Preview updated"));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    }
}
