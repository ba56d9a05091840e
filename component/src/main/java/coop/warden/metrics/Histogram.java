// A histogram of durations in seconds with fixed buckets.
package coop.warden.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Observations land in the first bucket whose upper bound holds them; buckets are written cumulative. */
final class Histogram extends MetricFamily {
    private final double[] bounds;
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(String name, String help, String unit, double... bounds) {
        super(name, "histogram", help, unit);
        if (bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs buckets");
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        buckets[i].increment();
        sum.add(value);
    }

    long count() {
        long n = 0;
        for (LongAdder b : buckets) {
            n += b.sum();
        }
        return n;
    }

    @Override
    void writeSamples(StringBuilder out) {
        long cumulative = 0;
        for (int i = 0; i < buckets.length; i++) {
            cumulative += buckets[i].sum();
            String le = i < bounds.length ? Double.toString(bounds[i]) : "+Inf";
            sample(out, name + "_bucket", "le=\"" + le + "\"", cumulative);
        }
        // The count is the +Inf bucket as read, so the two agree even while observations arrive.
        sample(out, name + "_count", null, cumulative);
        sample(out, name + "_sum", null, sum.sum());
    }
}
