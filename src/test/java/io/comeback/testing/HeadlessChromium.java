package io.comeback.testing;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver, headless. Paths can be changed with
 * {@code -Dcomeback.chromium=…} and {@code -Dcomeback.chromedriver=…}. A missing browser fails the test with
 * what to install: the browser test must never be skipped silently ({@code deploy/test.sh} installs both).
 */
public final class HeadlessChromium {

    private HeadlessChromium() {}

    public static WebDriver start(int width, int height) {
        File browser = new File(System.getProperty("comeback.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("comeback.chromedriver", "/usr/bin/chromedriver"));
        if (!browser.canExecute() || !driver.canExecute()) {
            throw new AssertionError("The browser test needs " + browser + " and " + driver
                    + ": install Debian's packages with `apt-get install -y chromium chromium-driver` "
                    + "(deploy/test.sh does it), or point -Dcomeback.chromium / -Dcomeback.chromedriver at them.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver)
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /**
     * What the loaded page has of {@code by} now, without the implicit wait: asserting that something is absent
     * would otherwise wait out the whole timeout. For what the server rendered, once the page has loaded.
     */
    public static List<WebElement> foundNow(WebDriver driver, By by) {
        Duration wait = driver.manage().timeouts().getImplicitWaitTimeout();
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(by);
        } finally {
            driver.manage().timeouts().implicitlyWait(wait);
        }
    }
}
