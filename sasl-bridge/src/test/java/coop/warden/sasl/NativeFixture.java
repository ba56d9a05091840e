// One libsasl2 set-up shared by every native test in this JVM (sasl_server_init runs once per process).
package coop.warden.sasl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A temp directory with {@code xmpp.conf} ({@code pwcheck_method: saslauthd}) pointing at a
 * {@link FakeSaslauthd} socket in the same directory. Tests that need libsasl2 call
 * {@link #assumeLibsasl2()} and are skipped, with the reason, where it is not installed.
 */
final class NativeFixture {

    static final String APP = "xmpp";
    static final String PASSWORD = "alice-Secret1";
    private static final Path DIR = createDir();
    static final Path SOCKET = DIR.resolve("mux");

    private NativeFixture() {
    }

    static Path configDir() {
        return DIR;
    }

    static SaslConfig config(String realm, Duration timeout, int threads, int queue) {
        return new SaslConfig(APP, "xmpp", realm, DIR, timeout, threads, queue);
    }

    static void assumeLibsasl2() {
        try {
            coop.warden.sasl.jna.SaslLibrary.load(CyrusPasswordChecker.LIBRARY_NAME);
        } catch (SaslUnavailableException e) {
            Assumptions.abort("libsasl2 not available here: " + e.getMessage());
        }
    }

    /** Accepts alice with {@link #PASSWORD}, in any realm; rejects everything else. */
    static FakeSaslauthd startSaslauthd() throws IOException {
        return FakeSaslauthd.start(SOCKET, r -> r.login().equals("alice") && r.password().equals(PASSWORD));
    }

    private static Path createDir() {
        try {
            // Short, fixed-length path: a Unix socket path must fit in 108 bytes.
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "wsasl");
            Files.writeString(dir.resolve(APP + ".conf"), "pwcheck_method: saslauthd\nmech_list: PLAIN\n"
                    + "saslauthd_path: " + dir.resolve("mux") + "\n");
            dir.toFile().deleteOnExit();
            dir.resolve(APP + ".conf").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
