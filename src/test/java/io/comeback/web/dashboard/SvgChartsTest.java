package io.comeback.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartsTest {

    @Test
    void lineChartStatesEveryValueAndBreaksAtGaps() {
        String svg = SvgCharts.line(
                        "crr",
                        "Retention <rate>",
                        List.of(
                                new SvgCharts.Point("Jan", 0.5),
                                new SvgCharts.Point("Feb", null),
                                new SvgCharts.Point("Mar", 0.75),
                                new SvgCharts.Point("Apr", 1.0)),
                        v -> Math.round(v * 100) + " %")
                .getValue();
        assertThat(svg)
                .startsWith("<svg")
                .contains("role=\"img\"")
                .contains("aria-labelledby=\"crr-title crr-desc\"")
                .contains("<title id=\"crr-title\">Retention &lt;rate&gt;</title>")
                .contains("<desc id=\"crr-desc\">Jan: 50 %. Feb: no value. Mar: 75 %. Apr: 100 %.</desc>")
                .endsWith("</svg>");
        // Three dots (no dot for the gap) and a path that starts again after the gap: M (Jan), then M (Mar) L (Apr).
        assertThat(svg.split("<circle", -1)).hasSize(4);
        String d = svg.replaceAll("(?s).*<path class=\"line\" d=\"([^\"]+)\".*", "$1");
        assertThat(d).matches("M[\\d. ]+M[\\d. ]+L[\\d. ]+");
        // The y axis ends at a round number at or above the maximum: 1.0 → 1.
        assertThat(svg).contains(">100 %</text>").contains(">0 %</text>");
    }

    @Test
    void barsAreProportionalToTheirValues() {
        String svg = SvgCharts.bars(
                        "funnel",
                        "Funnel",
                        List.of(
                                new SvgCharts.Bar("Entered", 200, null),
                                new SvgCharts.Bar("Sent", 100, null),
                                new SvgCharts.Bar("Failed", 0, "failed")),
                        v -> String.valueOf((long) v))
                .getValue();
        List<Double> widths = java.util.regex.Pattern.compile(
                        "<rect class=\"bar[^\"]*\" x=\"\\d+\" y=\"[\\d.]+\" width=\"([\\d.]+)\"")
                .matcher(svg)
                .results()
                .map(m -> Double.parseDouble(m.group(1)))
                .toList();
        assertThat(widths).hasSize(3);
        assertThat(widths.get(1)).isCloseTo(widths.get(0) / 2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(widths.get(2)).isZero();
        assertThat(svg).contains("class=\"bar failed\"").contains("Entered: 200. Sent: 100. Failed: 0.");
    }

    @Test
    void axisEndsAreRoundNumbers() {
        assertThat(SvgCharts.niceCeiling(0.73)).isEqualTo(1.0);
        assertThat(SvgCharts.niceCeiling(137)).isEqualTo(200);
        assertThat(SvgCharts.niceCeiling(2400)).isEqualTo(2500);
        assertThat(SvgCharts.niceCeiling(0)).isEqualTo(1);
    }
}
