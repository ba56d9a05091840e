// Settings of password checks (warden.auth in the HOCON config).
package coop.warden.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Which hosts may ask for checks, and how checks reach Cyrus SASL. */
public record AuthConfig(
        Set<String> hosts,
        String realm,
        String service,
        String saslAppName,
        Path saslConfigPath,
        Duration timeout,
        int threads,
        int queueCapacity,
        Duration rejectFloor) {

    public AuthConfig {
        hosts = Set.copyOf(hosts);
        for (String h : hosts) {
            if (h.isBlank() || h.contains("@") || h.contains("/")) {
                throw new IllegalArgumentException("warden.auth.hosts entries must be bare domains, got '" + h + "'");
            }
        }
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(saslAppName, "sasl-app-name");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("warden.auth.timeout must be positive");
        }
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("warden.auth.threads and queue-capacity must be >= 1");
        }
    }

    static AuthConfig from(Config c) {
        List<String> hosts = c.getStringList("hosts");
        String realm = c.getString("realm");
        String confPath = c.getString("sasl-config-path");
        return new AuthConfig(
                Set.copyOf(hosts),
                realm.isEmpty() ? null : realm,
                c.getString("service"),
                c.getString("sasl-app-name"),
                confPath.isEmpty() ? null : Path.of(confPath),
                c.getDuration("timeout"),
                c.getInt("threads"),
                c.getInt("queue-capacity"),
                c.getDuration("reject-floor"));
    }
}
