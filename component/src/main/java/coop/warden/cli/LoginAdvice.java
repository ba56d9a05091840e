// Turns libsasl2's and the checker's reasons for "no verdict" into what an admin should look at.
package coop.warden.cli;

import coop.warden.config.AuthConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Knows the usual ways a saslauthd setup breaks; anything else is shown as libsasl2 said it. */
final class LoginAdvice {
    static final Path DEFAULT_SOCKET = Path.of("/run/saslauthd/mux");
    private static final List<Path> DEFAULT_DIRS = List.of(Path.of("/etc/sasl2"), Path.of("/etc/sasl"),
            Path.of("/usr/lib/x86_64-linux-gnu/sasl2"), Path.of("/usr/lib/sasl2"));

    private final String socket;
    private final String user;
    private final AuthConfig auth;

    LoginAdvice(AuthConfig auth, String user) {
        this.auth = auth;
        this.user = user;
        this.socket = saslauthdPath(auth).map(Path::toString).orElse(DEFAULT_SOCKET + " (libsasl2's default)");
    }

    String unavailable(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("saslauthd")) {
            if (r.contains("no such file")) {
                return "saslauthd is not running or its socket is not reachable: there is no socket at " + socket
                        + ". Start saslauthd, or point saslauthd_path in " + auth.saslAppName() + ".conf at the"
                        + " socket it makes (saslauthd -m DIR creates DIR/mux).";
            }
            if (r.contains("permission denied")) {
                return "user " + user + " may not open saslauthd's socket " + socket + ": its directory is"
                        + " root:sasl 0710, so the user must be in group sasl (adduser " + user + " sasl), then"
                        + " restart Warden so that it gets the group.";
            }
            if (r.contains("connection refused")) {
                return "saslauthd is not running: its socket " + socket + " is left over but nothing answers on"
                        + " it. Restart saslauthd.";
            }
            return "cannot talk to saslauthd at " + socket + ".";
        }
        if (r.startsWith("timed out")) {
            return "no answer within warden.auth.timeout (" + auth.timeout().toMillis() + " ms): saslauthd is hung"
                    + " or overloaded, or the Kerberos KDC is slow or unreachable (saslauthd waits for it). Check"
                    + " that the KDC answers, and that this host's clock is within 5 minutes of the KDC's (Kerberos"
                    + " refuses clock skew).";
        }
        if (r.startsWith("busy")) {
            return "too many checks at once (warden.auth.threads and queue-capacity are full).";
        }
        if (r.contains("sasl_nomech") || r.contains("sasl_configerr") || r.contains("sasl_badparam")) {
            return "libsasl2 refused its configuration: check that " + auth.saslAppName() + ".conf says"
                    + " pwcheck_method: saslauthd and mech_list: PLAIN.";
        }
        return "the password backend gave no verdict.";
    }

    /** For a failure to set up libsasl2 at all: its message already says what to fix. */
    String cannotStart(String message) {
        return "cannot use Cyrus SASL: " + message;
    }

    /** Where {@code <app>.conf} says saslauthd's socket is, when the file can be found and read. */
    static Optional<Path> saslauthdPath(AuthConfig auth) {
        List<Path> dirs = new ArrayList<>();
        if (auth.saslConfigPath() != null) {
            dirs.add(auth.saslConfigPath());
        } else {
            String env = System.getenv("SASL_CONF_PATH");
            if (env != null) {
                for (String d : env.split(":")) {
                    if (!d.isBlank()) {
                        dirs.add(Path.of(d));
                    }
                }
            }
            dirs.addAll(DEFAULT_DIRS);
        }
        for (Path dir : dirs) {
            Path file = dir.resolve(auth.saslAppName() + ".conf");
            if (Files.isReadable(file)) {
                return setting(file, "saslauthd_path").map(Path::of).or(() -> Optional.of(DEFAULT_SOCKET));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> setting(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    return Optional.of(line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
