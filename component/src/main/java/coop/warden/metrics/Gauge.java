// A gauge read at scrape time from the part of Warden that owns the value.
package coop.warden.metrics;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/** A supplier that throws is reported as NaN rather than failing the whole scrape. */
final class Gauge extends MetricFamily {
    private final DoubleSupplier source;

    Gauge(String name, String help, DoubleSupplier source) {
        super(name, "gauge", help, null);
        this.source = Objects.requireNonNull(source);
    }

    double get() {
        try {
            return source.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    void writeSamples(StringBuilder out) {
        sample(out, name, null, get());
    }
}
