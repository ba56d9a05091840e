// Percentiles and spreads as the reference measurements define them (nearest rank; median with min and max).
package coop.warden.bench;

import java.util.Arrays;
import java.util.Collection;

/** Pure functions over samples; NaN for no samples. */
public final class Stats {
    private Stats() {
    }

    /** Nearest-rank percentile {@code p} (0..100) of {@code values}. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.min(Math.max(rank, 1), v.length) - 1];
    }

    public static double percentile(Collection<? extends Number> values, double p) {
        return percentile(values.stream().mapToDouble(Number::doubleValue).toArray(), p);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Median, min and max of per-run figures: the "m [lo–hi]" of every table cell. */
    public record Spread(double median, double min, double max, int runs) {
        public static Spread of(double[] perRun) {
            double[] v = Arrays.stream(perRun).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(median, v[0], v[v.length - 1], v.length);
        }

        /** "12.3 [11.0–14.1]", or just "12.3" for one run, with {@code decimals} places. */
        public String format(int decimals) {
            if (runs == 0) {
                return "–";
            }
            String f = "%." + decimals + "f";
            String m = String.format(f, median);
            return runs == 1 ? m : m + " [" + String.format(f, min) + "–" + String.format(f, max) + "]";
        }
    }
}
