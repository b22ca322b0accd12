package io.comeback.web.dashboard;

import io.quarkus.qute.RawString;
import java.util.Locale;

/**
 * Charts drawn on the server as inline SVG: no chart library, nothing loaded from elsewhere. Every chart is an
 * {@code role="img"} with a {@code <title>} and a {@code <desc>} that states every value, so a screen reader
 * gets the figures; pages also show the numbers as a table. This class holds what the charts share (their values,
 * the frame {@link #open}/{@link #close}, escaping, axis ends); {@link SvgLines} draws trends, {@link SvgBars} bars.
 */
public final class SvgCharts {

    /**
     * One point of a trend; a null value is a gap (e.g. a rate with no customers to divide by). A {@code partial}
     * point is a period not over yet (this month so far): drawn hollow and joined with a dashed line, so nobody reads
     * its dip as a fall.
     */
    public record Point(String label, Double value, boolean partial) {
        public Point(String label, Double value) {
            this(label, value, false);
        }
    }

    /** How a value axis writes its ticks: {@code step} is the distance between ticks (its decimals are the ticks'). */
    @FunctionalInterface
    public interface TickFormat {
        String format(double value, double step);
    }

    /** A value axis: its ticks and, above them, the unit they are in (a currency; null when the ticks carry it). */
    public record Axis(String unit, TickFormat ticks) {}

    /** One bar: {@code style} is a CSS class ({@code held}, {@code failed}) for bars that mean something else. */
    public record Bar(String label, double value, String style) {}

    /** Bars run across the page: drawn at about the size they are shown, so text stays legible. */
    static final int BAR_WIDTH = 640;

    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 18;

    private SvgCharts() {}

    static StringBuilder open(String cssClass, String id, String title, int width, int height, String description) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"%s\" id=\"%s\" role=\"img\" viewBox=\"0 0 %d %d\" aria-labelledby=\"%s-title %s-desc\" xmlns=\"http://www.w3.org/2000/svg\">",
                cssClass,
                esc(id),
                width,
                height,
                esc(id),
                esc(id)));
        svg.append("<title id=\"")
                .append(esc(id))
                .append("-title\">")
                .append(esc(title))
                .append("</title>");
        svg.append("<desc id=\"")
                .append(esc(id))
                .append("-desc\">")
                .append(esc(description))
                .append("</desc>");
        return svg;
    }

    static RawString close(StringBuilder svg) {
        return new RawString(svg.append("</svg>").toString());
    }

    /** 1, 2, 2.5 or 5 times a power of ten at or above {@code v}: axis ends people read easily. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= v - 1e-12) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
