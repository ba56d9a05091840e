// Settings of the metrics and health endpoint (warden.metrics in the HOCON config).
package coop.warden.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/** Where the OpenMetrics and health endpoint listens; it is meant for loopback only. */
public record MetricsConfig(boolean enabled, String host, int port) {

    public MetricsConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException.BadValue("warden.metrics.host", "must name an address, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException.BadValue("warden.metrics.port", "must be 0..65535 (0: any free port), got " + port);
        }
    }

    /** Reads {@code warden.metrics} from the whole config tree (reference.conf as fallback). */
    public static MetricsConfig from(Config root) {
        Config c = root.getConfig("warden.metrics");
        return new MetricsConfig(c.getBoolean("enabled"), c.getString("host"), c.getInt("port"));
    }
}
