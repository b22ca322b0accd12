package io.comeback.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true}, as deploy/kubernetes and deploy/compose.yaml set it
 * behind their proxy, failures are counted per client address from X-Forwarded-For: a client guessing keys is
 * refused with 429 while another client behind the same proxy is not (without it, every client would share the
 * proxy's address and one guesser would lock everyone out).
 */
@QuarkusTest
@TestProfile(ThrottleBehindProxyTest.BehindProxy.class)
class ThrottleBehindProxyTest {

    private static final String GUESSER = "203.0.113.7";
    private static final String BYSTANDER = "198.51.100.9";

    @Inject
    AgroalDataSource dataSource;

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "comeback.security.throttle.client-failures", "50");
        }
    }

    /** Every test client is 127.0.0.1 to the socket: start with no failures counted, whatever ran before. */
    @BeforeEach
    void forgetFailures() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DELETE FROM auth_failures");
        }
    }

    @Test
    void aClientGuessingKeysIsRefusedAndAnotherClientBehindTheSameProxyIsNot() {
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            int status = guess(GUESSER, i);
            if (status == 429) {
                refused++;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(refused).as("the guesser's refusals").isGreaterThanOrEqualTo(9);
        assertThat(guess(BYSTANDER, 0)).as("another client's wrong key").isEqualTo(401);
    }

    private static int guess(String client, int n) {
        return RestAssured.given()
                .header("X-Forwarded-For", client)
                .header("Authorization", "Bearer cb_guessguess_" + n)
                .get("/api/flows")
                .statusCode();
    }
}
