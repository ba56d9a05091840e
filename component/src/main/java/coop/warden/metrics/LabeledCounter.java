// A counter with one label (outcome, reason, ...), its values bounded so a bug cannot flood a scrape.
package coop.warden.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Label values named up front are always exposed (at 0 before anything happened), so that a
 * rate over them is defined from the first scrape. New values are added as they come, up to
 * {@link #MAX_VALUES}; past that they count under {@code other}.
 */
final class LabeledCounter extends MetricFamily {
    static final int MAX_VALUES = 32;
    static final String OTHER = "other";

    private final String label;
    private final Map<String, LongAdder> values = new ConcurrentSkipListMap<>();

    LabeledCounter(String name, String help, String label, List<String> known) {
        super(name, "counter", help, null);
        this.label = label;
        known.forEach(v -> values.put(v, new LongAdder()));
    }

    void inc(String value) {
        LongAdder adder = values.get(value);
        if (adder == null) {
            String key = values.size() < MAX_VALUES ? value : OTHER;
            adder = values.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    long get(String value) {
        LongAdder adder = values.get(value);
        return adder == null ? 0 : adder.sum();
    }

    long sum() {
        return values.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    void writeSamples(StringBuilder out) {
        values.forEach((v, adder) -> sample(out, name + "_total", label(label, v), adder.sum()));
    }
}
