package coop.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.xmpp.FakeComponentServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `warden config check` as an admin runs it: one line per finding, exit 1 on any PROBLEM. Prosody's
 * component port is played by {@link FakeComponentServer}; saslauthd's socket is a real Unix socket.
 */
class ConfigCheckTest {
    private static final String SECRET = "Zq8-s3cr3t-never-printed";
    private static final String JID = "warden.coop.test";

    @TempDir
    Path dir;

    private Path secretFile;
    private Path socket;
    private Path storeDir;
    private ServerSocketChannel saslauthd;

    /** What the admin sees. */
    private record Result(int status, List<String> lines, String all) {}

    @BeforeEach
    void aWorkingSetup() throws IOException {
        secretFile = Files.writeString(dir.resolve("component-secret"), SECRET + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r-----"));
        socket = dir.resolve("mux");
        Files.writeString(dir.resolve("xmpp.conf"), "pwcheck_method: saslauthd\nmech_list: PLAIN\n"
                + "saslauthd_path: " + socket + "\n");
        saslauthd = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        saslauthd.bind(UnixDomainSocketAddress.of(socket));
        storeDir = Files.createDirectory(dir.resolve("store"));
    }

    @AfterEach
    void closeSocket() throws IOException {
        saslauthd.close();
    }

    /** A configuration that passes every check against a Prosody on {@code port}, plus {@code extra}. */
    private Path conf(int port, String extra) throws IOException {
        return Files.writeString(dir.resolve("warden.conf"), """
                warden {
                  component { jid = "%s", host = "127.0.0.1", port = %d, secret-file = "%s", connect-timeout = 2 seconds }
                  auth.sasl-config-path = "%s"
                  store.path = "%s"
                  metrics.enabled = false
                }
                """.formatted(JID, port, secretFile, dir, storeDir.resolve("warden.db")) + extra);
    }

    private static Result check(Path conf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"config", "check", "--config", conf.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        Result r = new Result(status, text.lines().toList(), text + err.toString(StandardCharsets.UTF_8));
        assertThat(r.all()).as("the secret is never printed").doesNotContain(SECRET);
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> problems(Result r) {
        return r.lines().stream().filter(l -> l.startsWith("PROBLEM  ")).toList();
    }

    @Test
    void aCompleteSetupPasses() throws Exception {
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Path conf = conf(prosody.port(), "");
            Result r = check(conf);

            assertThat(r.status()).as(r.all()).isZero();
            assertThat(r.lines()).containsExactly(
                    "ok       configuration " + conf + " is valid",
                    "note     warden.auth.kdc-probe.addresses is empty: while the KDC is down saslauthd says NO as"
                            + " for a wrong password, and members who log in from the cache then have their sessions"
                            + " ended; list your KDCs there (docs/security.md)",
                    "note     warden.muc.hosts is empty: Warden decides no room joins",
                    "ok       the component secret " + secretFile + " is not readable by other users",
                    "ok       saslauthd's socket " + socket + " exists",
                    "note     warden.auth.hosts is empty: Warden checks no logins",
                    "ok       Prosody at 127.0.0.1:" + prosody.port() + " accepted the component secret for " + JID);
            assertThat(prosody.events.poll(5, TimeUnit.SECONDS)).isEqualTo("accepted");
        }
    }

    @Test
    void aMissingConfigurationFileIsTheOnlyFinding() {
        Path missing = dir.resolve("no-such.conf");
        Result r = check(missing);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).containsExactly(
                "PROBLEM  configuration " + missing + ": cannot read configuration file " + missing);
    }

    @Test
    void aConfigurationFileUnderARegularFileIsUnreadable() throws IOException {
        // Fails for root as well: no permission bits involved, the path cannot exist.
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path conf = notADir.resolve("warden.conf");
        Result r = check(conf);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).containsExactly("PROBLEM  configuration " + conf + ": cannot read configuration file "
                + conf);
    }

    @Test
    void invalidHoconIsOneProblemNamingTheFile() throws IOException {
        Path conf = Files.writeString(dir.resolve("warden.conf"), "warden {\n  component {\n    jid = \"" + JID
                + "\"\n    secret = \"" + SECRET + "\"\n    port = [5347\n}\n");
        Result r = check(conf);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(1);
        assertThat(r.lines().get(0)).startsWith("PROBLEM  configuration " + conf + ": ");
    }

    @Test
    void aValueOfTheWrongTypeIsOneProblemNamingTheKey() throws IOException {
        Path conf = Files.writeString(dir.resolve("warden.conf"), "warden.component { jid = \"" + JID
                + "\", secret = \"" + SECRET + "\", port = \"many\" }\n");
        Result r = check(conf);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(1);
        assertThat(r.lines().get(0)).startsWith("PROBLEM  configuration " + conf + ": ").contains("port");
    }

    @Test
    void anInvalidValueIsAProblemAndTheOtherChecksStillRun() throws IOException {
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Path conf = conf(prosody.port(), "warden.muc.default-cap = -3\n");
            Result r = check(conf);
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).hasSize(1);
            assertThat(problems(r).get(0)).startsWith("PROBLEM  configuration " + conf + ": ")
                    .contains("warden.muc.default-cap", "A cap cannot be negative");
            assertThat(r.lines()).contains("ok       saslauthd's socket " + socket + " exists",
                    "ok       Prosody at 127.0.0.1:" + prosody.port() + " accepted the component secret for " + JID);
        }
    }

    @Test
    void nothingListeningOnTheComponentPortIsAProblem() throws IOException {
        int port = freePort();
        Result r = check(conf(port, ""));
        assertThat(r.status()).isEqualTo(1);
        assertThat(problems(r)).hasSize(1);
        assertThat(problems(r).get(0)).startsWith("PROBLEM  cannot reach Prosody's component port 127.0.0.1:" + port
                + " (").endsWith("): is Prosody running, with component_ports = { " + port + " } and"
                + " component_interfaces = { \"127.0.0.1\" }?");
    }

    @Test
    void aWrongSecretIsAProblemAndNeitherSecretIsPrinted() throws Exception {
        try (FakeComponentServer prosody = new FakeComponentServer(0, "prosodys-own-secret")) {
            Result r = check(conf(prosody.port(), ""));
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).containsExactly("PROBLEM  Prosody at 127.0.0.1:" + prosody.port()
                    + " refused the component secret for " + JID + " (not-authorized): the secret Warden reads"
                    + " (warden.component.secret-file) differs from component_secret in Prosody's Component \"" + JID
                    + "\" block");
            assertThat(r.all()).doesNotContain("prosodys-own-secret");
            assertThat(prosody.events.poll(5, TimeUnit.SECONDS)).isEqualTo("refused");
        }
    }

    @Test
    void aWorldReadableSecretFileIsAProblemWithTheFix() throws IOException {
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Result r = check(conf(prosody.port(), ""));
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).containsExactly("PROBLEM  the component secret " + secretFile
                    + " is readable by every user: chown root:warden " + secretFile + " && chmod 640 " + secretFile);
        }
    }

    @Test
    void aMissingSaslauthdSocketIsAProblem() throws IOException {
        saslauthd.close();
        Files.delete(socket);
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Result r = check(conf(prosody.port(), ""));
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).containsExactly("PROBLEM  saslauthd's socket " + socket + " does not exist (as far"
                    + " as this user can see): is saslauthd running? (`warden check-login USER` tries a real check)");
        }
    }

    @Test
    void aMissingSaslConfigurationFileIsAProblem() throws IOException {
        Files.delete(dir.resolve("xmpp.conf"));
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Result r = check(conf(prosody.port(), ""));
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).containsExactly("PROBLEM  xmpp.conf not found in " + dir + ": create it with"
                    + " pwcheck_method: saslauthd and mech_list: PLAIN (warden.auth.sasl-app-name, sasl-config-path)");
        }
    }

    @Test
    void aMissingStoreDirectoryIsAProblem() throws IOException {
        Path missing = dir.resolve("no-such-dir");
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Result r = check(conf(prosody.port(), "warden.store.path = \"" + missing.resolve("warden.db") + "\"\n"));
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).containsExactly("PROBLEM  the store's directory " + missing
                    + " does not exist (warden.store.path)");
            assertThat(missing).doesNotExist();
        }
    }

    @Test
    void aFileInPlaceOfTheStoreDirectoryOrOfTheStoreIsAProblemSaidAsSuch() throws IOException {
        Path inTheWay = Files.writeString(dir.resolve("state"), "not a directory");
        Path storeDir = Files.createDirectories(dir.resolve("data/warden.db"));
        try (FakeComponentServer prosody = new FakeComponentServer(0, SECRET)) {
            Result r = check(conf(prosody.port(), "warden.store.path = \"" + inTheWay.resolve("warden.db") + "\"\n"));
            assertThat(r.status()).isEqualTo(1);
            assertThat(problems(r)).containsExactly("PROBLEM  the store's directory " + inTheWay
                    + " is not a directory (a file of that name is in the way; warden.store.path)");
            Result d = check(conf(prosody.port(), "warden.store.path = \"" + storeDir + "\"\n"));
            assertThat(problems(d)).containsExactly("PROBLEM  the store " + storeDir
                    + " is not a regular file (warden.store.path)");
            assertThat(Files.readString(inTheWay)).isEqualTo("not a directory");
        }
    }
}
