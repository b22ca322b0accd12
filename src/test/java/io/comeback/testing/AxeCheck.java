package io.comeback.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility engine, the {@code org.webjars.npm:axe-core} test dependency) run on the page the
 * browser shows. The script is injected by the test driver, so the page's Content-Security-Policy stays as strict as
 * it ships and nothing is fetched from a CDN.
 */
public final class AxeCheck {

    private static final String RESOURCE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final String SOURCE = load();

    // Only what a test should fail on: serious and critical violations, each with the rule, its help and where.
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                    + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe could not run: ' + e]));
            """;

    private AxeCheck() {}

    /** The serious and critical violations of the page now shown; empty when there are none. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(WebDriver browser) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(SOURCE);
        return (List<String>) js.executeAsyncScript(RUN);
    }

    private static String load() {
        try (InputStream in = AxeCheck.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path: the pom's "
                        + "org.webjars.npm:axe-core test dependency must match its version");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + RESOURCE, e);
        }
    }

    /** Fails, naming the page and each violation, when the page now shown has serious or critical violations. */
    public static void assertNoSeriousViolations(WebDriver browser, String page) {
        List<String> violations = seriousViolations(browser);
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "axe-core: serious or critical violations on the " + page + " page: " + violations);
        }
    }
}
