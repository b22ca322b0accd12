package io.comeback.messaging;

import io.comeback.testing.FlowFolders;
import io.comeback.testing.ManualRuntimeProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ManualRuntimeProfile} (the test drives the runtime step by step) with a flows folder of its own holding
 * one {@code inactive} and one {@code segment} flow, so a detection pass over the catalog meets only them.
 */
public class ControlProfile extends ManualRuntimeProfile {

    static final String BURST_FLOW = "control_burst";
    static final String SEGMENT_FLOW = "control_segment";
    /** The attribute value of the segment: no other test sets it. */
    static final String SEGMENT_CLUB = "control_burst_club";

    static final Path FOLDER = folder();

    private static Path folder() {
        return FlowFolders.shared("comeback.test.control-folder", "comeback-control-flows-", dir -> {
            Files.writeString(dir.resolve(BURST_FLOW + ".yaml"), """
                    id: %s
                    settings:
                      kind: marketing
                      quiet_hours: none
                    trigger:
                      inactive:
                        no_purchase_for: P90D
                    steps:
                      - id: offer
                        send:
                          text: "Vi savner deg! Svar STOPP for å melde deg av."
                    """.formatted(BURST_FLOW));
            Files.writeString(dir.resolve(SEGMENT_FLOW + ".yaml"), """
                    id: %s
                    settings:
                      kind: marketing
                      quiet_hours: none
                    trigger:
                      segment:
                        when:
                          - attribute: club
                            equals: %s
                    steps:
                      - id: welcome
                        send:
                          text: "Velkommen i klubben! Svar STOPP for å melde deg av."
                    """.formatted(SEGMENT_FLOW, SEGMENT_CLUB));
        });
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("comeback.flows-dir", FOLDER.toString());
        return overrides;
    }
}
