package io.comeback.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartsTest {

    @Test
    void lineChartStatesEveryValueAndBreaksAtGaps() {
        String svg = SvgLines.line(
                        "crr",
                        "Retention <rate>",
                        List.of(
                                new SvgCharts.Point("Jan", 0.5),
                                new SvgCharts.Point("Feb", null),
                                new SvgCharts.Point("Mar", 0.75),
                                new SvgCharts.Point("Apr", 1.0)),
                        v -> Math.round(v * 100) + " %",
                        new SvgCharts.Axis(null, (v, step) -> Math.round(v * 100) + " %"))
                .getValue();
        assertThat(svg)
                .startsWith("<svg")
                .contains("role=\"img\"")
                .contains("aria-labelledby=\"crr-title crr-desc\"")
                .contains("<title id=\"crr-title\">Retention &lt;rate&gt;</title>")
                .contains("<desc id=\"crr-desc\">Jan: 50 %. Feb: no value. Mar: 75 %. Apr: 100 %.</desc>")
                .endsWith("</svg>");
        // Three dots (no dot for the gap); the line starts again after the gap: Jan stands alone, Mar to Apr.
        assertThat(svg.split("<circle", -1)).hasSize(4);
        String d = svg.replaceAll("(?s).*<path class=\"line\" d=\"([^\"]+)\".*", "$1");
        assertThat(d).matches("M[\\d. ]+L[\\d. ]+");
        // The y axis ends at a round number at or above the maximum: 1.0 → 1, in steps of 0.2.
        assertThat(svg)
                .contains(">100 %</text>")
                .contains(">0 %</text>")
                .contains(">20 %</text>")
                .contains(">80 %</text>");
    }

    @Test
    void aPeriodNotOverYetIsHollowDashedAndSaidSo() {
        String svg = SvgLines.line(
                        "aov",
                        "Average order value",
                        List.of(
                                new SvgCharts.Point("2026-10", 620.0),
                                new SvgCharts.Point("2026-11", 655.0),
                                new SvgCharts.Point("2026-12", 310.0, true)),
                        v -> "NOK " + Math.round(v),
                        new SvgCharts.Axis("NOK", (v, step) -> String.valueOf(Math.round(v))))
                .getValue();
        assertThat(svg)
                .contains("2026-12 (not over yet): NOK 310.")
                .contains("class=\"dot partial\"")
                .contains(">2026-12 *</text>")
                .contains("<text class=\"unit\"")
                .contains(">NOK</text>");
        // One solid segment (October to November), one dashed (November to December).
        assertThat(svg).containsPattern("<path class=\"line\" d=\"M[\\d.]+ [\\d.]+ L[\\d.]+ [\\d.]+\"/>");
        assertThat(svg).containsPattern("<path class=\"line partial\" d=\"M[\\d.]+ [\\d.]+ L[\\d.]+ [\\d.]+\"/>");
        // Ticks 0, 200, 400, 600, 800: steps of 1, 2 or 5 times a power of ten.
        assertThat(ticks(svg)).containsExactly(0.0, 200.0, 400.0, 600.0, 800.0);

        // A few days' value far above the whole months' does not set the axis: it sits at the top with its number.
        String clv = SvgLines.line(
                        "clv",
                        "Lifetime value",
                        List.of(
                                new SvgCharts.Point("2026-10", 2400.0),
                                new SvgCharts.Point("2026-11", 2600.0),
                                new SvgCharts.Point("2026-12", 20388.0, true)),
                        v -> "NOK " + Math.round(v),
                        new SvgCharts.Axis("NOK", (v, step) -> String.valueOf(Math.round(v))))
                .getValue();
        assertThat(ticks(clv)).containsExactly(0.0, 1000.0, 2000.0, 3000.0);
        assertThat(clv).contains("<text class=\"off-scale\"").contains("↑ NOK 20388</text>");
    }

    @Test
    void ticksStepByOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(AxisTicks.cover(0, 50).values()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
        assertThat(AxisTicks.cover(0, 0.73).values()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8);
        assertThat(AxisTicks.cover(0, 1.07).values()).containsExactly(0.0, 0.5, 1.0, 1.5);
        assertThat(AxisTicks.cover(-35, 60).values()).containsExactly(-40.0, -20.0, 0.0, 20.0, 40.0, 60.0);
        assertThat(AxisTicks.cover(0, 5323).values()).containsExactly(0.0, 2000.0, 4000.0, 6000.0);
        assertThat(AxisTicks.cover(0, 0).values()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        for (double max : new double[] {0.013, 0.5, 1, 3.7, 12, 99, 101, 621.54, 2323.26, 87_000}) {
            AxisTicks t = AxisTicks.cover(0, max);
            double mantissa = t.step() / Math.pow(10, Math.floor(Math.log10(t.step())));
            assertThat(Math.round(mantissa * 1000) / 1000.0)
                    .as("step for " + max)
                    .isIn(1.0, 2.0, 5.0);
            assertThat(t.high()).as("top for " + max).isGreaterThanOrEqualTo(max);
            assertThat(t.values().size()).as("ticks for " + max).isBetween(3, AxisTicks.MOST_STEPS + 1);
        }
    }

    private static List<Double> ticks(String svg) {
        return java.util.regex.Pattern.compile("data-tick=\"([-\\d.E]+)\"")
                .matcher(svg)
                .results()
                .map(m -> Double.parseDouble(m.group(1)))
                .toList();
    }

    @Test
    void barsAreProportionalToTheirValues() {
        String svg = SvgBars.bars(
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
