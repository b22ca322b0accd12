package io.comeback.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.FlowSimulator;
import io.comeback.engine.run.SimulationRequest;
import io.comeback.engine.run.SimulationResponse;
import io.comeback.engine.validate.FlowValidator;
import org.junit.jupiter.api.Test;

/**
 * The simulator's records are the JSON of {@code POST /api/flows/{id}/simulate} in issue 3, so the
 * web layer can bind them directly. Checked with Jackson configured as Quarkus does (java.time
 * module, ISO instants). It lives outside {@code io.comeback.engine} because the engine, even its
 * tests, never imports Jackson.
 */
class SimulationJsonContractTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void requestAndResponseMatchTheDocumentedJson() throws Exception {
        String body = """
                {"customer": {"firstName": "Kari", "phone": "+4791234567", "locale": "nb-NO",
                              "timeZone": "Europe/Oslo", "attributes": {"tier": "gold", "visits": 3},
                              "consent": {"status": "opted_in"}},
                 "orders": [{"placedAt": "2026-05-01T10:00:00Z", "total": 499.00, "couponCode": null}],
                 "start": "2026-06-15T21:30:00Z",
                 "events": [{"at": "2026-06-16T07:00:00Z", "type": "reply", "body": "ti"}],
                 "until": "2026-06-20T00:00:00Z"}
                """;
        SimulationRequest request = json.readValue(body, SimulationRequest.class);
        assertThat(request.customer().attributes()).containsEntry("visits", "3");

        Flow flow = new FlowValidator().validate("""
                id: nps
                settings: {kind: transactional}
                trigger: customer_created
                steps:
                  - id: ask
                    send: {text: "Hei {{ customer.firstName }}! 0-10?"}
                  - id: answer
                    wait_for_reply:
                      timeout: P2D
                      nps:
                        - {scores: 0-10, goto: promoter}
                  - id: promoter
                    set: {attribute: nps, from: reply.score}
                  - id: done
                    exit: promoter
                """).flow().orElseThrow();
        SimulationResponse response = FlowSimulator.withDefaults("Fjellsport").simulate(flow, request);

        JsonNode timeline = json.readTree(json.writeValueAsString(response)).get("timeline");
        assertThat(timeline.get(1).get("kind").asText()).isEqualTo("defer");
        JsonNode send = timeline.get(2);
        assertThat(send.get("at").asText()).isEqualTo("2026-06-16T06:00:00Z");
        assertThat(send.get("kind").asText()).isEqualTo("send");
        assertThat(send.get("step").asText()).isEqualTo("ask");
        assertThat(send.get("text").asText()).isEqualTo("Hei Kari! 0-10?");
        assertThat(timeline.get(3).get("attribute").asText()).isEqualTo("nps");
        assertThat(timeline.get(3).get("value").asText()).isEqualTo("10");
        assertThat(timeline.get(4).get("reason").asText()).isEqualTo("promoter");
        assertThat(send.fieldNames())
                .toIterable()
                .containsExactly("at", "kind", "step", "text", "attribute", "value", "reason");
    }
}
