package io.comeback.testing;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
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
}
