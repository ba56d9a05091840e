// Settings for a CyrusPasswordChecker: which SASL app config to read and how checks are run.
package coop.warden.sasl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach saslauthd through libsasl2 and how many checks may run at once.
 *
 * @param appName       SASL application name: libsasl2 reads {@code <appName>.conf} (e.g. {@code xmpp})
 * @param service       service name handed to saslauthd (e.g. {@code xmpp}; PAM uses it as the PAM service)
 * @param realm         realm handed to saslauthd (e.g. {@code COOP.TEST}); {@code null} sends an empty
 *                      realm, so the backend uses its own default (kerberos5: krb5.conf's default_realm)
 * @param configPath    directory holding {@code <appName>.conf}; {@code null} searches libsasl2's
 *                      default path ({@code SASL_CONF_PATH}, then /etc/sasl2, /etc/sasl, the plugin dir)
 * @param timeout       deadline for one check, queueing included
 * @param threads       native checks that may run at once (each one holds a saslauthd connection)
 * @param queueCapacity checks that may wait for a thread; beyond that a check is answered "busy" at once
 */
public record SaslConfig(String appName, String service, String realm, Path configPath,
                         Duration timeout, int threads, int queueCapacity) {

    /** saslauthd's request fields are capped at 256 bytes including the terminator. */
    static final int MAX_FIELD_BYTES = 255;
    static final int MAX_THREADS = 256;
    static final int MAX_QUEUE = 100_000;
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public SaslConfig {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(timeout, "timeout");
        if (!APP_NAME.matcher(appName).matches()) {
            throw new IllegalArgumentException("appName must be a plain file name stem like 'xmpp', got '"
                    + appName + "'");
        }
        requireField("service", service);
        if (realm != null) {
            requireField("realm", realm);
            if (realm.indexOf('@') >= 0) {
                throw new IllegalArgumentException("realm must not contain '@': " + realm);
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", got " + threads);
        }
        if (queueCapacity < 0 || queueCapacity > MAX_QUEUE) {
            throw new IllegalArgumentException("queueCapacity must be 0.." + MAX_QUEUE + ", got " + queueCapacity);
        }
    }

    private static void requireField(String name, String value) {
        if (value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException(name + " must be non-blank without surrounding spaces: '" + value + "'");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must not contain control characters");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_FIELD_BYTES + " bytes");
        }
    }
}
