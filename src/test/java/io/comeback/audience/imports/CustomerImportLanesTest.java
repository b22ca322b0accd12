package io.comeback.audience.imports;

import static io.comeback.testing.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.comeback.testing.Api;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Customers are stored by two connections ("lanes") taking turns by batch; the test profile's batches hold
 * three rows, so neighbouring batches run side by side. A batch that repeats an externalId or a phone of a
 * batch still being stored must wait for it: the first line wins, and the later line is rejected with its
 * line, instead of the import failing on a unique index or the later line winning.
 */
@QuarkusTest
class CustomerImportLanesTest {

    private static ValidatableResponse importCustomers(String file) {
        return Api.csv(file).post("/api/import/customers").then().statusCode(200);
    }

    @Test
    void repeatsOfAnExternalIdOrAPhoneInTheNextBatchLoseToTheFirstLine() {
        StringBuilder file = new StringBuilder("externalId,phone,firstName\n");
        List<Integer> rejectedLines = new ArrayList<>();
        List<String> firstIds = new ArrayList<>();
        List<String> firstPhones = new ArrayList<>();
        List<String> secondOwners = new ArrayList<>();
        int line = 1;
        for (int group = 0; group < 12; group++) {
            String first = TestData.id("lane-first"),
                    owner = TestData.id("lane-owner"),
                    third = TestData.id("lane-third");
            String phoneFirst = TestData.norwegianMobile(), phoneOwner = TestData.norwegianMobile();
            // Batch n (lane A): three new customers.
            file.append(first).append(',').append(phoneFirst).append(",First\n");
            file.append(owner).append(',').append(phoneOwner).append(",Owner\n");
            file.append(third).append(',').append(TestData.norwegianMobile()).append(",Third\n");
            line += 3;
            // Batch n + 1 (lane B): the same externalId with another number, another customer with the
            // owner's number (written in national form: the same phone once normalised), one new customer.
            String thief = TestData.id("lane-thief");
            file.append(first).append(',').append(TestData.norwegianMobile()).append(",Second\n");
            file.append(thief).append(',').append(phoneOwner.substring(3)).append(",Thief\n");
            file.append(TestData.id("lane-new"))
                    .append(',')
                    .append(TestData.norwegianMobile())
                    .append(",New\n");
            rejectedLines.add(line + 1);
            rejectedLines.add(line + 2);
            line += 3;
            firstIds.add(first);
            firstPhones.add(phoneFirst);
            secondOwners.add(owner);
        }
        ValidatableResponse report = importCustomers(file.toString())
                .body("imported", equalTo(12 * 4))
                .body("rejectedCount", equalTo(24))
                .body("rejected.line", equalTo(rejectedLines));
        for (int group = 0; group < 12; group++) {
            report.body("rejected[" + (2 * group) + "].field", equalTo("externalId"))
                    .body("rejected[" + (2 * group) + "].reason", containsString("earlier line of this file"))
                    .body("rejected[" + (2 * group + 1) + "].field", equalTo("phone"))
                    .body(
                            "rejected[" + (2 * group + 1) + "].reason",
                            containsString("already belongs to customer '" + secondOwners.get(group) + "'"));
            given().get("/api/customers/" + firstIds.get(group))
                    .then()
                    .statusCode(200)
                    .body("firstName", equalTo("First"))
                    .body("phone", equalTo(firstPhones.get(group)));
        }
    }

    @Test
    void everyConsentChangeIsInTheLedgerOnceWhateverLaneStoredIt() {
        List<String> ids = new ArrayList<>();
        StringBuilder first = new StringBuilder("externalId,phone,consentStatus,consentSource,consentAt\n");
        StringBuilder again = new StringBuilder(first);
        StringBuilder optOut = new StringBuilder(first);
        for (int i = 0; i < 10; i++) {
            String id = TestData.id("lane-consent");
            String phone = TestData.norwegianMobile();
            ids.add(id);
            first.append(id).append(',').append(phone).append(",opted_in,checkout,2026-02-01T10:00:00Z\n");
            again.append(id).append(',').append(phone).append(",opted_in,checkout,2026-02-01T10:00:00Z\n");
            // Every other customer opts out; the rest state the same consent as before.
            optOut.append(id)
                    .append(',')
                    .append(phone)
                    .append(
                            i % 2 == 0
                                    ? ",opted_out,support,2026-03-01T10:00:00Z\n"
                                    : ",opted_in,checkout,2026-02-01T10:00:00Z\n");
        }
        importCustomers(first.toString()).body("imported", equalTo(10));
        importCustomers(again.toString()).body("imported", equalTo(0)).body("updated", equalTo(10));
        importCustomers(optOut.toString()).body("updated", equalTo(10));
        for (int i = 0; i < 10; i++) {
            ValidatableResponse history = given().get("/api/customers/" + ids.get(i) + "/consent")
                    .then()
                    .statusCode(200);
            if (i % 2 == 0) {
                history.body("current.status", equalTo("opted_out"))
                        .body("history", hasSize(2))
                        .body("history.change", contains("opt_in", "opt_out"))
                        .body("history.source", contains("checkout", "support"));
            } else {
                history.body("current.status", equalTo("opted_in"))
                        .body("history", hasSize(1))
                        .body("history.change", contains("opt_in"));
            }
        }
    }

    @Test
    void attributeTextIsStoredAsWritten() {
        String id = TestData.id("lane-attr");
        importCustomers("externalId,note,shop\n" + id + ",\"say \"\"hi\"\" \\ back\tslash, ø, 😀\",\n")
                .body("imported", equalTo(1));
        given().get("/api/customers/" + id)
                .then()
                .statusCode(200)
                .body("attributes.note", equalTo("say \"hi\" \\ back\tslash, ø, 😀"))
                .body("attributes.shop", equalTo(null));
    }
}
