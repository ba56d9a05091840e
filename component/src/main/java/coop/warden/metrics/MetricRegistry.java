// The set of metrics one Warden exports, and their rendering as an OpenMetrics exposition.
package coop.warden.metrics;

import java.util.ArrayList;
import java.util.List;

/** Holds metric families in registration order; {@link #scrape()} renders them all. */
public final class MetricRegistry {
    /** The content type of {@link #scrape()}'s text. */
    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final List<MetricFamily> families = new ArrayList<>();

    synchronized <T extends MetricFamily> T register(T family) {
        for (MetricFamily f : families) {
            if (f.name.equals(family.name)) {
                throw new IllegalArgumentException("metric " + family.name + " is registered twice");
            }
        }
        families.add(family);
        return family;
    }

    /** Every metric's current value, ending with {@code # EOF}. */
    public String scrape() {
        List<MetricFamily> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(families);
        }
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily f : snapshot) {
            f.write(out);
        }
        return out.append("# EOF\n").toString();
    }
}
