// Asks a running Warden, over its loopback /health endpoint, what it found when it checked Prosody.
package coop.warden.cli;

import coop.warden.config.WardenConfig;
import coop.warden.health.Finding;
import coop.warden.metrics.MetricsConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code prosody} findings of /health (the format coop.warden.health.Health writes). */
final class RunningService {
    private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern FINDING = Pattern.compile("\\{\"host\":" + STRING + ",\"ok\":(true|false),\"message\":"
            + STRING + "}");

    private RunningService() {
    }

    static Optional<List<Finding>> findings(WardenConfig config) {
        MetricsConfig m;
        try {
            m = MetricsConfig.from(config.raw());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!m.enabled()) {
            return Optional.empty();
        }
        String host = m.host().contains(":") ? "[" + m.host() + "]" : m.host();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + m.port()
                    + "/health")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(parse(r.body()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static List<Finding> parse(String json) {
        List<Finding> found = new ArrayList<>();
        Matcher m = FINDING.matcher(json);
        while (m.find()) {
            found.add(new Finding(unescape(m.group(1)), Boolean.parseBoolean(m.group(2)), unescape(m.group(3))));
        }
        return found;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char next = s.charAt(++i);
            if (next == 'u' && i + 4 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                b.append(next);
            }
        }
        return b.toString();
    }
}
