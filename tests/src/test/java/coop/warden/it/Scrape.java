// Reads a Warden's loopback /metrics and /health endpoints the way a monitoring system would.
package coop.warden.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape: every sample by its name with labels, e.g. {@code warden_logins_total{outcome="accepted"}}. */
final class Scrape {
    /** The stack's own Warden (warden.metrics defaults). */
    static final int STACK_PORT = 9580;
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+(?:\\{[^}]*})?) (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrape() {
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Double> metrics(int port) throws Exception {
        HttpResponse<String> r = get(port, "/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return samples(r.body());
    }

    static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2).replace("+Inf", "Infinity")));
        }
        return samples;
    }

    /** after − before for each of {@code names} (a sample missing from a scrape counts as 0). */
    static Map<String, Long> deltas(Map<String, Double> before, Map<String, Double> after, Iterable<String> names) {
        Map<String, Long> d = new HashMap<>();
        for (String name : names) {
            d.put(name, Math.round(after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0)));
        }
        return d;
    }
}
