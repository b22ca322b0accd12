package io.comeback.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.engine.model.EventType;
import io.comeback.engine.run.EnrollmentState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streaming state codec against Jackson data binding, the form stored before it. */
class EnrollmentStateJsonTest {

    private static final ObjectMapper TREE = new ObjectMapper();

    private static List<EnrollmentState> states() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("order.total", "12.50");
        variables.put("reply.text", "Ja \"takk\" – 9 ✓\n");
        variables.put("nothing", null);
        return List.of(
                EnrollmentState.enroll("welcome", "v1", Instant.parse("2026-11-23T10:15:30Z")),
                new EnrollmentState(
                        "feedback",
                        "abc123",
                        EnrollmentState.Status.WAITING_REPLY,
                        "ask",
                        Instant.parse("2026-11-23T10:15:30.123456Z"),
                        Instant.parse("2026-11-24T09:00:00Z"),
                        2,
                        Map.of("ask", 1, "ask/re_ask", 2),
                        Set.of(EventType.REPLIED, EventType.ORDERED),
                        variables,
                        Map.of("vip", "yes"),
                        Set.of("nps", "promoter"),
                        Set.of("lapsed"),
                        null),
                new EnrollmentState(
                        "winback",
                        "v9",
                        EnrollmentState.Status.EXITED,
                        null,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        null,
                        0,
                        Map.of(),
                        Set.of(EventType.CLICKED),
                        Map.of(),
                        Map.of(),
                        Set.of(),
                        Set.of(),
                        "converted"));
    }

    @Test
    void readsWhatDataBindingWroteAndTheOtherWayRound() throws Exception {
        for (EnrollmentState state : states()) {
            String bound = StateCodec.writeByBinding(state);
            String streamed = EnrollmentStateJson.write(state);
            assertEquals(state, EnrollmentStateJson.read(bound));
            assertEquals(state, StateCodec.readStateByBinding(streamed));
            assertEquals(state, StateCodec.readState(streamed));
            // The same document, except properties data binding adds that no reader uses.
            JsonNode expected = TREE.readTree(bound);
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
                    .retain(List.of(
                            "flowId",
                            "flowVersion",
                            "status",
                            "stepId",
                            "enrolledAt",
                            "wakeAt",
                            "reAsks",
                            "occurrences",
                            "eventsSeen",
                            "variables",
                            "attributes",
                            "tagsAdded",
                            "tagsRemoved",
                            "exitLabel"));
            assertEquals(expected, TREE.readTree(streamed));
        }
    }

    @Test
    void readsTheFormPostgreSqlRendersTimestampsIn() throws Exception {
        // jsonb_build_object(…, now(), …) as the benchmark and SQL scripts seed it
        String json = """
                {"flowId": "timer", "flowVersion": "v1", "status": "WAITING_TIMER", "stepId": "pause",
                 "enrolledAt": "2026-11-23T17:00:22.123456+00:00", "wakeAt": "2026-11-23T18:00:00+01:00", "reAsks": 0,
                 "occurrences": {}, "eventsSeen": [], "variables": {}, "attributes": {}, "tagsAdded": [], "tagsRemoved": []}
                """;
        EnrollmentState state = EnrollmentStateJson.read(json);
        assertEquals(StateCodec.readStateByBinding(json), state);
        assertEquals(Instant.parse("2026-11-23T17:00:00Z"), state.wakeAt());
        assertEquals(null, state.exitLabel());
    }

    @Test
    void leavesOtherShapesToDataBinding() {
        // epoch seconds: data binding reads them, the streaming reader does not
        String numeric = """
                {"flowId": "f", "flowVersion": "v", "status": "WAITING_TIMER", "stepId": "s", "enrolledAt": 1700000000,
                 "wakeAt": null, "reAsks": 0, "occurrences": {}, "eventsSeen": [], "variables": {}, "attributes": {},
                 "tagsAdded": [], "tagsRemoved": []}
                """;
        assertThrows(EnrollmentStateJson.Unexpected.class, () -> EnrollmentStateJson.read(numeric));
        assertEquals(
                Instant.ofEpochSecond(1700000000), StateCodec.readState(numeric).enrolledAt());
        assertThrows(EnrollmentStateJson.Unexpected.class, () -> EnrollmentStateJson.read("{\"flowId\": \"f\"}"));
        assertThrows(IllegalStateException.class, () -> StateCodec.readState("{\"status\": \"NOPE\"}"));
    }
}
