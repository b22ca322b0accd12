package io.comeback.web.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of a chart's value axis: a step of 1, 2 or 5 times a power of ten, from a multiple of the step at or below
 * the lowest value (zero when all are positive) to one at or above the highest. People read "0, 20, 40, 60 %" or
 * "0, 200, 400, 600" at a glance; "0, 12.5, 25, 37.5" or "13, 25, 38" they have to work out.
 */
record AxisTicks(double low, double high, double step) {

    /** At most this many steps between the lowest and the highest tick. */
    static final int MOST_STEPS = 5;

    static AxisTicks cover(double min, double max) {
        double lowest = Math.min(0, min);
        double highest = Math.max(lowest, max);
        if (highest - lowest < 1e-12) {
            highest = lowest + 1;
        }
        double step = niceStep((highest - lowest) / MOST_STEPS);
        double low = Math.floor(lowest / step + 1e-9) * step;
        double high = Math.ceil(highest / step - 1e-9) * step;
        return new AxisTicks(low, high, step);
    }

    /** The smallest of 1, 2, 5 × 10^k at or above {@code rough}. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double f : new double[] {1, 2, 5}) {
            if (f * magnitude >= rough * (1 - 1e-9)) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Every tick from low to high, each rounded to the step so no 0.30000000000000004 reaches a label. */
    List<Double> values() {
        List<Double> ticks = new ArrayList<>();
        long steps = Math.round((high - low) / step);
        int decimals = Formats.decimalsOf(step) + 1;
        for (long i = 0; i <= steps; i++) {
            ticks.add(round(low + i * step, decimals));
        }
        return ticks;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        double r = Math.round(v * scale) / scale;
        return r == 0 ? 0 : r; // no "-0"
    }
}
