package io.comeback.web.dashboard;

import io.quarkus.qute.RawString;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** The bar charts of the dashboard (a flow's funnel), drawn like {@link SvgCharts}' lines. */
public final class SvgBars {

    private SvgBars() {}

    /** Horizontal bars, one per row, each with its value written at its end. */
    public static RawString bars(String id, String title, List<SvgCharts.Bar> bars, DoubleFunction<String> format) {
        int row = 26;
        int labelW = 130;
        int height = SvgCharts.TOP + bars.size() * row + 6;
        double max = SvgCharts.niceCeiling(
                bars.stream().mapToDouble(SvgCharts.Bar::value).max().orElse(0));
        double plotW = SvgCharts.BAR_WIDTH - labelW - 70;
        StringBuilder desc = new StringBuilder();
        for (SvgCharts.Bar b : bars) {
            desc.append(b.label()).append(": ").append(format.apply(b.value())).append(". ");
        }
        StringBuilder svg = SvgCharts.open(
                "chart bars",
                id,
                title,
                SvgCharts.BAR_WIDTH,
                height,
                desc.toString().trim());
        for (int i = 0; i < bars.size(); i++) {
            SvgCharts.Bar b = bars.get(i);
            double y = SvgCharts.TOP + i * row;
            double w = max <= 0 ? 0 : plotW * b.value() / max;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    labelW - 8,
                    y + 15,
                    SvgCharts.esc(b.label())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar %s\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\"/>",
                    b.style() == null ? "" : SvgCharts.esc(b.style()),
                    labelW,
                    y + 2,
                    Math.max(w, b.value() > 0 ? 1 : 0)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"bar-value\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                    labelW + w + 6,
                    y + 15,
                    SvgCharts.esc(format.apply(b.value()))));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
                labelW,
                labelW,
                SvgCharts.TOP,
                height - 6));
        return SvgCharts.close(svg);
    }
}
