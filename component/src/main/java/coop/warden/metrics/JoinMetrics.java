// What the rooms feature reports per join decision: allowed, or refused and why.
package coop.warden.metrics;

import java.util.List;

/** Refusal reasons are short snake_case words (full, not_ready, ...), never room or user names. */
public final class JoinMetrics {
    private final Counter allowed;
    private final LabeledCounter refused;

    JoinMetrics(MetricRegistry registry) {
        allowed = registry.register(Counter.counting("warden_joins_allowed",
                "Room joins Warden allowed."));
        refused = registry.register(new LabeledCounter("warden_joins_refused",
                "Room joins Warden refused, by reason: full (the room or meeting is at its cap), rules (the"
                        + " moderator rules: a guest waits for a member), breakout (the breakout rules), not_ready"
                        + " (Warden had not yet counted the room's occupants after connecting).",
                "reason", List.of("full", "rules", "breakout", "not_ready")));
    }

    public static JoinMetrics unregistered() {
        return new JoinMetrics(new MetricRegistry());
    }

    public void allowed() {
        allowed.inc();
    }

    public void refused(String reason) {
        refused.inc(reason);
    }
}
