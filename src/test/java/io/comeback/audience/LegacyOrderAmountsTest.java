package io.comeback.audience;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Orders stored before amounts were converted (rate null, as V275 leaves them) are converted at start: one in euros
 * counts its value in kroner (the test profile's 11.50) in its customer's facts; one in kroner stays as it was.
 */
@QuarkusTest
class LegacyOrderAmountsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LegacyOrderAmounts legacy;

    @Test
    void ordersStoredBeforeConversionAreConvertedWithTheirCustomersFacts() throws Exception {
        String customer = TestData.id("legacy");
        given().body(Map.of("phone", TestData.norwegianMobile()))
                .put("/api/customers/" + customer)
                .then()
                .statusCode(201);
        String euros = TestData.orderId();
        String kroner = TestData.orderId();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        INSERT INTO orders (order_id, customer_id, total, order_amount, currency, placed_at)
                        SELECT ?, id, ?::numeric, ?::numeric, ?, '2011-05-01T10:00:00Z' FROM customers
                        WHERE external_id = ?""")) {
            for (String[] o : new String[][] {{euros, "10.00", "EUR"}, {kroner, "200.00", "NOK"}}) {
                st.setString(1, o[0]);
                st.setString(2, o[1]);
                st.setString(3, o[1]);
                st.setString(4, o[2]);
                st.setString(5, customer);
                st.executeUpdate();
            }
        }
        given().get("/api/orders/" + euros).then().body("counted.rate", nullValue());

        legacy.convert();

        given().get("/api/orders/" + euros)
                .then()
                .statusCode(200)
                .body("total", equalTo(10.0f))
                .body("currency", equalTo("EUR"))
                .body("counted.total", equalTo(115.0f))
                .body("counted.rate", equalTo(11.5f));
        given().get("/api/orders/" + kroner)
                .then()
                .body("counted.total", equalTo(200.0f))
                .body("counted.rate", equalTo(1));
        given().get("/api/customers/" + customer)
                .then()
                .body("facts.ordersCount", equalTo(2))
                .body("facts.totalSpent", equalTo(315.0f));
    }
}
