package io.comeback.web.dashboard;

import static io.comeback.web.dashboard.SvgCharts.LEFT;
import static io.comeback.web.dashboard.SvgCharts.RIGHT;
import static io.comeback.web.dashboard.SvgCharts.TOP;
import static io.comeback.web.dashboard.SvgCharts.close;
import static io.comeback.web.dashboard.SvgCharts.esc;
import static io.comeback.web.dashboard.SvgCharts.open;

import io.comeback.web.dashboard.SvgCharts.Axis;
import io.comeback.web.dashboard.SvgCharts.Point;
import io.quarkus.qute.RawString;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * The trend charts of the dashboard (the overview's figures), drawn like {@link SvgBars}' bars in the frame of
 * {@link SvgCharts}. Apart because a trend has its own concerns: gaps, periods not over yet, values off the scale.
 */
public final class SvgLines {

    /** Line charts sit in a grid of cards: drawn at about the size they are shown, so text stays legible. */
    private static final int LINE_WIDTH = 380;

    private SvgLines() {}

    /** A trend line on a y axis of round ticks ({@link AxisTicks}) from zero (or below, for negative values). */
    public static RawString line(
            String id, String title, List<Point> points, DoubleFunction<String> format, Axis axis) {
        int width = LINE_WIDTH;
        int height = 194;
        int bottom = 30;
        StringBuilder svg = open("chart line-chart", id, title, width, height, describe(points, format));
        if (points.stream().allMatch(p -> p.value() == null)) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">No values in this period</text>",
                    width / 2,
                    height / 2));
            return close(svg);
        }
        // The axis fits the periods that are over: a few days' figures (a lifetime value divided by 7 days) can be
        // far off, and would flatten every whole period. Such a value sits at the axis's edge with its number.
        List<Double> scaled = points.stream()
                .filter(p -> p.value() != null && !p.partial())
                .map(Point::value)
                .toList();
        if (scaled.isEmpty()) {
            scaled = points.stream()
                    .filter(p -> p.value() != null)
                    .map(Point::value)
                    .toList();
        }
        AxisTicks ticks = AxisTicks.cover(
                scaled.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                scaled.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - bottom;
        DoubleUnaryOperator yOf = v -> TOP + plotH - plotH * (v - ticks.low()) / (ticks.high() - ticks.low());
        if (axis.unit() != null) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"unit\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    LEFT - 6,
                    TOP - 8,
                    esc(axis.unit())));
        }
        for (double v : ticks.values()) {
            double y = yOf.applyAsDouble(v);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT,
                    width - RIGHT,
                    y,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"tick\" data-tick=\"%s\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    v,
                    LEFT - 6,
                    y + 4,
                    esc(axis.ticks().format(v, ticks.step()))));
        }
        int n = points.size();
        double step = n > 1 ? plotW / (n - 1) : 0;
        int labelEvery = Math.max(1, (int) Math.ceil(n / 6.0));
        StringBuilder solid = new StringBuilder();
        StringBuilder dashed = new StringBuilder();
        Point previous = null;
        double px = 0;
        double py = 0;
        boolean solidAtPrevious = false;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            double x = LEFT + (n > 1 ? step * i : plotW / 2);
            // Every k-th label and the last one, but never one so close to the last that the two overlap.
            if (i == n - 1 || (i % labelEvery == 0 && n - 1 - i >= labelEvery)) {
                // The last label ends at its point so it stays inside the chart.
                String anchor = i == n - 1 && n > 1 ? "end" : "middle";
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                        x,
                        height - 10,
                        anchor,
                        esc(p.label() + (p.partial() ? " *" : ""))));
            }
            if (p.value() == null) {
                previous = null; // a gap: the line stops and starts again at the next value
                continue;
            }
            boolean offScale = p.value() > ticks.high() || p.value() < ticks.low();
            double y = yOf.applyAsDouble(Math.max(ticks.low(), Math.min(ticks.high(), p.value())));
            if (offScale) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text class=\"off-scale\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s %s</text>",
                        x - 6,
                        p.value() > ticks.high() ? y + 4 : y - 4,
                        p.value() > ticks.high() ? "↑" : "↓",
                        esc(format.apply(p.value()))));
            }
            if (previous != null) {
                // A segment touching a period not over yet is dashed; the others make up the solid line.
                if (previous.partial() || p.partial()) {
                    dashed.append(String.format(Locale.ROOT, "M%.1f %.1f L%.1f %.1f ", px, py, x, y));
                    solidAtPrevious = false;
                } else {
                    if (!solidAtPrevious) {
                        solid.append(String.format(Locale.ROOT, "M%.1f %.1f ", px, py));
                    }
                    solid.append(String.format(Locale.ROOT, "L%.1f %.1f ", x, y));
                    solidAtPrevious = true;
                }
            } else {
                solidAtPrevious = false;
            }
            previous = p;
            px = x;
            py = y;
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"dot%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s: %s</title></circle>",
                    p.partial() ? " partial" : "",
                    x,
                    y,
                    esc(label(p)),
                    esc(format.apply(p.value()))));
        }
        if (solid.length() > 0) {
            svg.append("<path class=\"line\" d=\"")
                    .append(solid.toString().trim())
                    .append("\"/>");
        }
        if (dashed.length() > 0) {
            svg.append("<path class=\"line partial\" d=\"")
                    .append(dashed.toString().trim())
                    .append("\"/>");
        }
        return close(svg);
    }

    private static String describe(List<Point> points, DoubleFunction<String> format) {
        StringBuilder d = new StringBuilder();
        for (Point p : points) {
            d.append(label(p))
                    .append(": ")
                    .append(p.value() == null ? "no value" : format.apply(p.value()))
                    .append(". ");
        }
        return d.toString().trim();
    }

    private static String label(Point p) {
        return p.partial() ? p.label() + " (not over yet)" : p.label();
    }
}
