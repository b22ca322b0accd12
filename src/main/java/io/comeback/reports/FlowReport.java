package io.comeback.reports;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * What one flow did over [from, to): its funnel and, when some entrants were held out, its lift.
 *
 * @param attributionWindow the flow's {@code attribution_window} (current version), as used for the funnel
 * @param lift              null when nobody entered or nobody was held out in the period
 * @param currency          the reporting currency every revenue figure is in
 */
public record FlowReport(
        String flowId,
        Instant from,
        Instant to,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration attributionWindow,
        Funnel funnel,
        Lift lift,
        String currency) {}
