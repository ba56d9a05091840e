// Settings of the KDC reachability probe (warden.auth.kdc-probe in the HOCON config).
package coop.warden.auth;

import com.google.common.net.HostAndPort;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * {@code warden.auth.kdc-probe}: the KDC addresses to try a TCP connection to before a
 * rejection is believed. Empty: no probe (a KDC outage then looks like wrong passwords).
 */
record KdcProbeSettings(List<HostAndPort> addresses, Duration timeout) {
    static final int KERBEROS_PORT = 88;

    KdcProbeSettings {
        addresses = List.copyOf(addresses);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("warden.auth.kdc-probe.timeout must be positive, got " + timeout);
        }
    }

    boolean enabled() {
        return !addresses.isEmpty();
    }

    static KdcProbeSettings off() {
        return new KdcProbeSettings(List.of(), Duration.ofSeconds(1));
    }

    static KdcProbeSettings from(Config auth) {
        Config c = auth.getConfig("kdc-probe");
        List<HostAndPort> addresses = c.getStringList("addresses").stream()
                .map(a -> HostAndPort.fromString(a.strip()).withDefaultPort(KERBEROS_PORT)).toList();
        return new KdcProbeSettings(addresses, c.getDuration("timeout"));
    }
}
