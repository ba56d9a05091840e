// A counter without labels: a LongAdder, or a monotonic value read from elsewhere.
package coop.warden.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Exposed as {@code <name>_total}. */
final class Counter extends MetricFamily {
    private final LongAdder adder = new LongAdder();
    private final LongSupplier source;

    private Counter(String name, String help, LongSupplier source) {
        super(name, "counter", help, null);
        this.source = source;
    }

    static Counter counting(String name, String help) {
        return new Counter(name, help, null);
    }

    /** A counter whose value {@code source} keeps (it must never decrease). */
    static Counter reading(String name, String help, LongSupplier source) {
        return new Counter(name, help, source);
    }

    void inc() {
        adder.increment();
    }

    long get() {
        return source != null ? source.getAsLong() : adder.sum();
    }

    @Override
    void writeSamples(StringBuilder out) {
        sample(out, name + "_total", null, get());
    }
}
