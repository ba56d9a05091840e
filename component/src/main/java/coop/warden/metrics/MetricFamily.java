// One named metric with its HELP text, written in the OpenMetrics text format.
package coop.warden.metrics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric family: a snake_case name, a type, a help string and, when it has one, a unit (the
 * name then ends with it, as OpenMetrics requires). Subclasses write their samples.
 */
abstract class MetricFamily {
    private static final Pattern NAME = Pattern.compile("warden_[a-z0-9_]*[a-z0-9]");

    final String name;
    private final String type;
    private final String help;
    private final String unit;

    MetricFamily(String name, String type, String help, String unit) {
        if (!NAME.matcher(name).matches() || name.endsWith("_total")) {
            throw new IllegalArgumentException("metric names are snake_case, start with warden_ and have no _total"
                    + " suffix (counters get it on their samples): " + name);
        }
        if (unit != null && !name.endsWith("_" + unit)) {
            throw new IllegalArgumentException(name + " must end with its unit _" + unit);
        }
        this.name = name;
        this.type = type;
        this.help = Objects.requireNonNull(help, "help");
        this.unit = unit;
    }

    final void write(StringBuilder out) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        if (unit != null) {
            out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        }
        out.append("# HELP ").append(name).append(' ').append(escape(help, false)).append('\n');
        writeSamples(out);
    }

    abstract void writeSamples(StringBuilder out);

    static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (labels != null && !labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    static String label(String name, String value) {
        return name + "=\"" + escape(value, true) + "\"";
    }

    /** Integers without a fraction, so counters read "3" and not "3.0". */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String escape(String s, boolean quote) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '"' -> b.append(quote ? "\\\"" : "\"");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
