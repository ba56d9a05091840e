// The .deb the build makes installs with dpkg -i, and its service, started as the unit would, logs a member in.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No systemd runs here, so the service is started the way warden.service starts it: as user warden
 * (group sasl), {@code /usr/bin/warden run --config ...}. The stack's own Warden already is
 * warden.coop.test, so the packaged one connects as warden2.coop.test, which answers the logins of
 * the stack's VirtualHost pkg.coop.test; its config includes the packaged /etc/warden/warden.conf
 * and sets only what the stack differs in. The package stays installed afterwards (a second run
 * then also goes through the upgrade path); {@code dpkg --purge warden} removes it.
 */
class PackageTest {
    private static final Path TEST_CONFIG = Path.of("/etc/warden/pkgtest.conf");
    private static final int METRICS_PORT = 9581;
    private static final String HOST = "pkg.coop.test";

    private Process service;

    @AfterEach
    void stopService() throws Exception {
        if (service != null) {
            // runuser passes TERM on to the JVM; stop the JVM itself too, in case it does not.
            List<ProcessHandle> tree = Stream.concat(service.descendants(), Stream.of(service.toHandle())).toList();
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : tree) {
                p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(TEST_CONFIG);
    }

    private static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(Stack.repo().resolve("component/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("warden_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no component/target/warden_*_all.deb: the package"
                            + " phase builds it (mvn package or verify)"));
        }
    }

    @Test
    void theDebInstallsAndItsServiceLetsAMemberLogIn() throws Exception {
        String installed = Stack.run(List.of("dpkg", "-i", deb().toString()));
        assertThat(installed).contains("Setting up warden");
        installedFilesAreInPlace();

        Files.writeString(TEST_CONFIG, """
                include file("/etc/warden/warden.conf")
                warden {
                  component { jid = "warden2.coop.test", secret-file = "%s" }
                  auth { hosts = ["%s"], realm = "COOP.TEST", sasl-config-path = "%s" }
                  metrics.port = %d
                }
                """.formatted(Stack.base().resolve("secret/warden2-secret"), HOST, Stack.base().resolve("sasl2"),
                METRICS_PORT), StandardCharsets.UTF_8);
        Stack.run(List.of("chown", "root:warden", TEST_CONFIG.toString()));
        Files.setPosixFilePermissions(TEST_CONFIG, PosixFilePermissions.fromString("rw-r-----"));
        Path log = Files.createDirectories(Stack.base().resolve("pkgtest")).resolve("warden.log");
        service = new ProcessBuilder("runuser", "-u", "warden", "--", "/usr/bin/warden", "run", "--config",
                TEST_CONFIG.toString()).directory(Path.of("/var/lib/warden").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        // Healthy once connected; the check of Prosody's modules follows right after the connect.
        HttpResponse<String> health = Eventually.await(Duration.ofSeconds(60), () -> Scrape.get(METRICS_PORT, "/health"),
                h -> h.statusCode() == 200 && h.body().contains(HOST), "the packaged service is connected (log: "
                        + log + ")");
        assertThat(health.body()).contains("{\"host\":\"pkg.coop.test\",\"ok\":true,\"message\":\"mod_auth_warden"
                + " is loaded on pkg.coop.test\"}");

        XMPPTCPConnection alice = Clients.connection(HOST, "alice", Stack.password("alice"));
        alice.connect();
        try {
            alice.login();
            assertThat(alice.getUser().asBareJid().toString()).isEqualTo("alice@pkg.coop.test");
        } finally {
            alice.disconnect();
        }
        XMPPTCPConnection wrong = Clients.connection(HOST, "bob", "not-bobs-password");
        wrong.connect();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(wrong::login)
                    .hasMessageContaining("not-authorized");
        } finally {
            wrong.disconnect();
        }
        Map<String, Double> metrics = Scrape.metrics(METRICS_PORT);
        assertThat(metrics).containsEntry("warden_logins_total{outcome=\"accepted\"}", 1.0)
                .containsEntry("warden_logins_total{outcome=\"rejected\"}", 1.0);
        assertThat(Stack.read(log)).contains("link state: CONNECTED (warden2.coop.test",
                "login user=alice", "outcome=accepted");

        WardenCli.Run check = WardenCli.exec(List.of("runuser", "-u", "warden", "--", "/usr/bin/warden",
                "check-login", "alice", "--config", TEST_CONFIG.toString()), Stack.password("alice") + "\n");
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).startsWith("accepted:");
    }

    private static void installedFilesAreInPlace() throws IOException {
        assertThat(Path.of("/usr/share/warden/warden.jar")).isRegularFile();
        assertThat(Path.of("/usr/bin/warden")).isExecutable();
        assertThat(Path.of("/usr/share/warden/prosody-modules/mod_auth_warden.lua")).isRegularFile();
        assertThat(Path.of("/usr/share/warden/prosody-modules/mod_warden_muc.lua")).isRegularFile();
        assertThat(Files.readString(Path.of("/lib/systemd/system/warden.service")))
                .contains("User=warden", "SupplementaryGroups=sasl", "NoNewPrivileges=yes",
                        "ExecStart=/usr/bin/warden run --config /etc/warden/warden.conf");
        assertThat(Stack.run(List.of("dpkg-query", "-W", "-f=${Conffiles}", "warden")))
                .contains("/etc/warden/warden.conf");
        assertThat(Files.readString(Path.of("/etc/warden/warden.conf")))
                .contains("#jid = \"warden.example.org\"", "secret-file = \"/etc/warden/component-secret\"");
        assertThat(Stack.run(List.of("id", "-nG", "warden")).split("\\s+")).contains("sasl");
        PosixFileAttributes state = Files.readAttributes(Path.of("/var/lib/warden"), PosixFileAttributes.class);
        assertThat(state.owner().getName()).isEqualTo("warden");
        assertThat(PosixFilePermissions.toString(state.permissions())).isEqualTo("rwxr-x---");
        PosixFileAttributes secret = Files.readAttributes(Path.of("/etc/warden/component-secret"),
                PosixFileAttributes.class);
        assertThat(secret.owner().getName()).isEqualTo("root");
        assertThat(secret.group().getName()).isEqualTo("warden");
        assertThat(PosixFilePermissions.toString(secret.permissions())).isEqualTo("rw-r-----");
        assertThat(Files.readString(Path.of("/etc/warden/component-secret")).strip()).matches("[0-9a-f]{64}");
    }
}
