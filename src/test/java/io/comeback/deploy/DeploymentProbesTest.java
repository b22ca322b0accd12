package io.comeback.deploy;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probes of the built production Deployment ask paths the running service answers UP on its management port,
 * and the public port does not serve them: a probe on a path that does not exist would keep every replica out of
 * the Service, or restart it forever.
 */
@QuarkusTest
class DeploymentProbesTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyProbePathOfTheDeploymentAnswersUpOnTheManagementPortOnly() throws Exception {
        Map<String, Object> deployment =
                DeployManifestsTest.object(DeployManifestsTest.build("production"), "Deployment", "comeback");
        Map<String, Object> container = DeployManifestsTest.list(
                        DeployManifestsTest.map(
                                DeployManifestsTest.map(DeployManifestsTest.map(deployment, "spec"), "template"),
                                "spec"),
                        "containers")
                .get(0);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            String path = (String) DeployManifestsTest.map(DeployManifestsTest.map(container, probe), "httpGet")
                    .get("path");
            RestAssured.get("http://localhost:" + management.getPort() + path)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
            RestAssured.get(path).then().statusCode(404);
        }
    }
}
