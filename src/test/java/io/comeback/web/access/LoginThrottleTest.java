package io.comeback.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guessing stops paying off: past the limit of failures, the account (and the client) is refused with 429 and
 * {@code Retry-After} even when the right password finally comes, and so is a client guessing API keys.
 * Runs with the production limits for one client, which the other tests raise (they all come from 127.0.0.1).
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.ProductionLimits.class)
class LoginThrottleTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** Every test client is 127.0.0.1: each test starts with no failures counted, whatever ran before it. */
    @org.junit.jupiter.api.BeforeEach
    void forgetFailures() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM auth_failures");
        }
    }

    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "comeback.security.throttle.client-failures",
                    "50",
                    "comeback.security.throttle.account-failures",
                    "10");
        }
    }

    private static Response login(String username, String password) {
        return RestAssured.given()
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("username", username)
                .formParam("password", password)
                .post("/login");
    }

    @Test
    void wrongPasswordsLockTheAccountForAWhile() {
        String name = "guessed-" + TestData.id("g");
        Api.user(name, "admin");
        for (int i = 0; i < 10; i++) {
            assertThat(login(name, "guess-number-" + i).statusCode()).isEqualTo(401);
        }
        Response locked = login(name, Api.password(name));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(locked.getCookie("comeback_session")).isNull();
        assertThat(locked.body().asString()).contains("Too many failed sign-ins");
    }

    @Test
    void aClientGuessingKeysIsSlowedDown() {
        int refused = 0;
        Response last = null;
        for (int i = 0; i < 60; i++) {
            last = RestAssured.given()
                    .header("Authorization", "Bearer cb_guessguess_" + i)
                    .get("/api/flows");
            if (last.statusCode() == 429) {
                refused++;
            } else {
                assertThat(last.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(9);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(last.contentType()).contains("application/problem+json");
    }
}
