package io.comeback.web.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The API key cannot be walked around by spelling a path differently. Every route the service declares is called
 * without a key, plainly and in each spelling that a router may read as the same path; none answers with data or
 * changes anything.
 */
@QuarkusTest
class RouteAccessTest {

    private static final String KEY = "Bearer test-key";

    /** Spellings that name the same resource to a lenient router, each as a rewrite of the plain path. */
    private static final Map<String, UnaryOperator<String>> AMBIGUOUS = new LinkedHashMap<>();

    static {
        AMBIGUOUS.put("leading double slash", p -> "/" + p);
        AMBIGUOUS.put("double slash inside", p -> p.replaceFirst("^(/[^/]*)/", "$1//"));
        AMBIGUOUS.put(
                "encoded first letter",
                p -> p.length() < 2 ? "/%2e" : "/%" + Integer.toHexString(p.charAt(1)) + p.substring(2));
        AMBIGUOUS.put("encoded dot segment", p -> "/%2e" + p);
        AMBIGUOUS.put("parent segment", p -> "/x/.." + p);
        AMBIGUOUS.put("dot segment", p -> "/." + p);
        AMBIGUOUS.put("matrix parameter", p -> p.replaceFirst("^(/[^/]*)", "$1;a=b"));
        AMBIGUOUS.put("encoded slash", p -> p.replaceFirst("^(/[^/]*)/", "$1%2F"));
        AMBIGUOUS.put("encoded backslash", p -> p.replaceFirst("^(/[^/]*)/", "$1%5C"));
        AMBIGUOUS.put("backslash", p -> p.replaceFirst("^(/[^/]*)/", "$1\\\\"));
    }

    @Test
    void noSpellingOfAnyPathGetsPastTheKey() {
        String victim = TestData.id("walk");
        String phone = TestData.norwegianMobile();
        RestAssured.given()
                .header("Authorization", KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "firstName", "Kari"))
                .put("/api/customers/" + victim)
                .then()
                .statusCode(201);
        String intruder = TestData.id("mallory");

        List<Routes.Route> routes = Routes.all(victim);
        assertThat(routes).extracting(Routes.Route::path).contains("/api/customers/" + victim, "/simulator/inbound");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Routes.Route route : routes) {
            if (route.isPublic()) {
                continue;
            }
            String body = bodyFor(route.contentType(), intruder);
            RawHttp.Reply plain =
                    RawHttp.send(RestAssured.port, route.method(), route.path(), null, route.contentType(), body);
            calls++;
            if (!refusedWithoutKey(route, plain)) {
                failures.add(route + " without a key -> " + plain.status());
            }
            RawHttp.Reply wrongKey = RawHttp.send(
                    RestAssured.port, route.method(), route.path(), "Bearer not-a-key", route.contentType(), body);
            calls++;
            if (!refusedWithoutKey(route, wrongKey)) {
                failures.add(route + " with a wrong key -> " + wrongKey.status());
            }
            for (Map.Entry<String, UnaryOperator<String>> variant : AMBIGUOUS.entrySet()) {
                String target = variant.getValue().apply(route.path());
                if (target.equals(route.path())) {
                    continue; // the rewrite does not apply to a path this short
                }
                RawHttp.Reply reply =
                        RawHttp.send(RestAssured.port, route.method(), target, null, route.contentType(), body);
                calls++;
                if (reply.status() != 400) {
                    failures.add(route.method() + " " + target + " (" + variant.getKey() + ") -> " + reply.status());
                }
            }
            RawHttp.Reply trailing =
                    RawHttp.send(RestAssured.port, route.method(), route.path() + "/", null, route.contentType(), body);
            calls++;
            if (trailing.status() < 400 && !(route.signedIn() && trailing.status() == 303)) {
                failures.add(route.method() + " " + route.path() + "/ (trailing slash) -> " + trailing.status());
            }
        }
        assertThat(failures).as("routes answered without a valid key").isEmpty();
        assertThat(calls).isGreaterThan(routes.size() * 10);

        // Nothing was changed by any of those calls: the victim is whole, the intruder was never created.
        RestAssured.given()
                .header("Authorization", KEY)
                .get("/api/customers/" + victim)
                .then()
                .statusCode(200)
                .body("phone", equalTo(phone))
                .body("firstName", equalTo("Kari"));
        RestAssured.given()
                .header("Authorization", KEY)
                .get("/api/customers/" + intruder)
                .then()
                .statusCode(404);
    }

    @Test
    void ambiguousPathsAreRefusedEvenWithAKey() {
        RawHttp.Reply reply = RawHttp.send(RestAssured.port, "GET", "/api/../api/flows", KEY, null, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.head()).containsIgnoringCase("application/problem+json");
        assertThat(reply.body()).contains("dot segment");
    }

    @Test
    void anAbsoluteFormTargetIsJudgedByItsPath() {
        int port = RestAssured.port;
        assertThat(RawHttp.send(port, "GET", "http://localhost:" + port + "//api/flows", null, null, null)
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "http://localhost:" + port + "/api/flows", null, null, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theKeyStillOpensThePlainPath() {
        RestAssured.given()
                .header("Authorization", KEY)
                .get("/api/flows")
                .then()
                .statusCode(200);
    }

    private static boolean refusedWithoutKey(Routes.Route route, RawHttp.Reply reply) {
        if (route.signedIn()) {
            return reply.status() == 303
                    && reply.head().contains("Location")
                    && reply.head().contains("/login");
        }
        return reply.status() == 401 && reply.head().contains("application/problem+json");
    }

    private static String bodyFor(String contentType, String intruder) {
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return "From=%2B4791234999&Body=STOP&name=" + intruder;
        }
        if (contentType.startsWith("text/csv") || contentType.startsWith("text/plain")) {
            return "externalId,phone\n" + intruder + ",+4791234998\n";
        }
        return "{\"phone\":\"+4791234997\",\"firstName\":\"Mallory\",\"externalId\":\"" + intruder + "\"}";
    }
}
