// Settings of the XEP-0114 link to Prosody (warden.component in the HOCON config).
package coop.warden.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How and where the component connects, and how its supervisor watches the link. */
public record ComponentConfig(
        String jid,
        String host,
        int port,
        Secret secret,
        Duration connectTimeout,
        Duration pingInterval,
        Duration pingTimeout,
        Duration backoffMin,
        Duration backoffMax) {

    public ComponentConfig {
        Objects.requireNonNull(jid, "jid");
        if (jid.isBlank() || jid.contains("@") || jid.contains("/")) {
            throw new IllegalArgumentException("warden.component.jid must be a bare domain such as warden.example.org");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("warden.component.port out of range: " + port);
        }
        Objects.requireNonNull(secret, "secret");
        if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("warden.component backoff-min must be > 0 and <= backoff-max");
        }
    }

    static ComponentConfig from(Config c) {
        return new ComponentConfig(
                c.getString("jid"),
                c.getString("host"),
                c.getInt("port"),
                readSecret(c),
                c.getDuration("connect-timeout"),
                c.getDuration("ping-interval"),
                c.getDuration("ping-timeout"),
                c.getDuration("backoff-min"),
                c.getDuration("backoff-max"));
    }

    private static Secret readSecret(Config c) {
        boolean inline = c.hasPath("secret") && !c.getString("secret").isEmpty();
        boolean file = c.hasPath("secret-file") && !c.getString("secret-file").isEmpty();
        if (inline == file) {
            throw new ConfigException.BadValue("warden.component",
                    "set exactly one of secret-file (recommended) or secret");
        }
        if (inline) {
            return new Secret(c.getString("secret"));
        }
        Path path = Path.of(c.getString("secret-file"));
        try {
            return new Secret(Files.readString(path, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new ConfigException.BadValue("warden.component.secret-file",
                    "cannot read " + path + " (" + e.getClass().getSimpleName() + "); check that it exists and that"
                            + " the warden user may read it");
        }
    }
}
