// Durations as moderators type them ("15", "15 min", "90s", "1h") and read them.
package coop.warden.breakout;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare number is minutes (what a moderator means by "15"); "none", "0" or blank is no duration. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?");

    private Durations() {}

    static Optional<Duration> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("none") || t.equals("0")) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw BreakoutException.bad("“" + text.strip() + "” is not a duration: give minutes (“15”), or a number"
                    + " with s, min or h (“90 s”, “1 h”), or “none”.");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "m" : m.group(2).substring(0, 1);
        return Optional.of(switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        });
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
