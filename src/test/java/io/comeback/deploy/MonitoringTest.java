package io.comeback.deploy;

import static io.comeback.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every metric the alert rules (deploy/monitoring/alerts.yaml) and the Grafana dashboard
 * (deploy/monitoring/grafana-dashboard.json) query is served on the management port's /q/metrics: an alert on a
 * metric that does not exist never fires.
 */
@QuarkusTest
class MonitoringTest {

    private static final Path ALERTS = Path.of("deploy/monitoring/alerts.yaml");
    private static final Path DASHBOARD = Path.of("deploy/monitoring/grafana-dashboard.json");
    // PromQL words that are not metric names.
    private static final Set<String> PROMQL = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "rate",
            "increase",
            "irate",
            "by",
            "without",
            "on",
            "ignoring",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "histogram_quantile",
            "abs",
            "absent",
            "clamp_min",
            "clamp_max",
            "delta",
            "deriv",
            "time",
            "topk",
            "bottomk",
            "group_left",
            "group_right");
    // A series per sender, created at that sender's first slow-down: on the dashboard, never in an alert (the alert
    // uses comeback_pacing_rate_factor_min, which is always there).
    private static final Set<String> PER_SENDER = Set.of("comeback_pacing_slowdowns_total");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    // label="value": exact matchers only; =~ and != are not followed by a quote.
    private static final Pattern EXACT_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyMetricAnAlertRuleOrDashboardPanelQueriesIsServed() throws IOException {
        given().get("/api/flows").then().statusCode(200); // a request, so the HTTP server series exist
        String metrics = RestAssured.get("http://localhost:" + management.getPort() + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Set<String> served = new LinkedHashSet<>();
        for (String line : metrics.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                Matcher name = IDENTIFIER.matcher(line);
                if (name.lookingAt()) {
                    served.add(name.group());
                }
            }
        }

        List<String> alertExpressions = alertExpressions();
        assertThat(alertExpressions).as("alert rules").hasSizeGreaterThanOrEqualTo(6);
        for (String expr : alertExpressions) {
            assertThat(metricNames(expr))
                    .as("metrics of alert expression " + expr)
                    .isNotEmpty();
            assertThat(served)
                    .as("/q/metrics, for the alert expression " + expr)
                    .containsAll(metricNames(expr));
            // A selector on a label value no series has (outcome="signature_refused") never fires either.
            for (String selector : labelSelectors(expr)) {
                assertThat(metrics.lines().filter(line -> matches(line, selector)))
                        .as("/q/metrics, a series for the selector " + selector + " of " + expr)
                        .isNotEmpty();
            }
        }
        List<String> panelExpressions = new ArrayList<>();
        Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(Files.readString(DASHBOARD));
        while (expr.find()) {
            panelExpressions.add(expr.group(1).replace("\\\"", "\""));
        }
        assertThat(panelExpressions).as("dashboard queries").hasSizeGreaterThanOrEqualTo(10);
        for (String query : panelExpressions) {
            Set<String> needed = metricNames(query);
            needed.removeAll(PER_SENDER);
            assertThat(served)
                    .as("/q/metrics, for the dashboard query " + query)
                    .containsAll(needed);
        }
    }

    @Test
    void metricNamesAreReadFromPromQl() {
        assertThat(
                        metricNames(
                                "sum by (webhook, outcome) (rate(comeback_webhooks_total{outcome=\"signature_refused\"}[5m])) > 0.1"))
                .containsExactly("comeback_webhooks_total");
        assertThat(metricNames("min(comeback_database_up) == 0 and max(x_total offset 5m) > 1"))
                .containsExactly("comeback_database_up", "x_total");
    }

    @Test
    void labelSelectorsAreReadFromPromQlAndMatchedAgainstSeries() {
        String expr = "sum(rate(comeback_webhooks_total{outcome=\"signature_refused\", webhook=~\"s.*\"}[5m])) > 0.1";
        assertThat(labelSelectors(expr)).containsExactly("comeback_webhooks_total{outcome=\"signature_refused\"}");
        String selector = labelSelectors(expr).get(0);
        assertThat(matches("comeback_webhooks_total{outcome=\"signature_refused\",webhook=\"status\"} 0.0", selector))
                .isTrue();
        assertThat(matches("comeback_webhooks_total{outcome=\"accepted\",webhook=\"status\"} 0.0", selector))
                .isFalse();
        assertThat(matches("comeback_webhooks_total_other{outcome=\"signature_refused\"} 0.0", selector))
                .isFalse();
    }

    /**
     * The selectors of an expression that match a label to an exact value, each as {@code name{label="value",…}}
     * with only those matchers (regular-expression and negative matchers are left out).
     */
    static List<String> labelSelectors(String promql) {
        List<String> selectors = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(promql);
        while (selector.find()) {
            List<String> exact = new ArrayList<>();
            Matcher matcher = EXACT_MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                exact.add(matcher.group(1) + "=\"" + matcher.group(2) + "\"");
            }
            if (!exact.isEmpty()) {
                selectors.add(selector.group(1) + "{" + String.join(",", exact) + "}");
            }
        }
        return selectors;
    }

    /** Whether a line of /q/metrics is a series of the selector's metric with each of its label values. */
    static boolean matches(String line, String selector) {
        int brace = selector.indexOf('{');
        if (!line.startsWith(selector.substring(0, brace) + "{")) {
            return false;
        }
        String labels = "," + line.substring(brace + 1, line.indexOf('}')) + ",";
        Matcher matcher = EXACT_MATCHER.matcher(selector.substring(brace + 1, selector.length() - 1));
        while (matcher.find()) {
            if (!labels.contains("," + matcher.group(1) + "=\"" + matcher.group(2) + "\",")) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws IOException {
        Map<String, Object> rules =
                (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ALERTS));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        return expressions;
    }

    /** The metric names of a PromQL expression: identifiers outside label matchers, grouping clauses, ranges and strings. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1")
                .replaceAll("\\boffset\\s+\\w+", "");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            boolean call = after < bare.length()
                    && bare.substring(after).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!call && !number && !PROMQL.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }
}
