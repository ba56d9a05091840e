// The `warden` tool against the real stack: check-login's three outcomes, config check's findings, admin actions.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jxmpp.jid.EntityBareJid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliTest {
    /** Prosody's second component, which nothing but the package test connects as. */
    private static final String SPARE_COMPONENT = "warden2.coop.test";

    private Path dir;

    @BeforeEach
    void scratch() throws IOException {
        dir = Files.createTempDirectory("warden-cli-test");
    }

    @AfterEach
    void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String stackConfig() {
        return Stack.base().resolve("warden/warden.conf").toString();
    }

    /** A config of its own for the tool; {@code hocon} goes inside {@code warden { }}. */
    private String config(String hocon) throws IOException {
        Path file = dir.resolve("warden-" + System.nanoTime() + ".conf");
        Files.writeString(file, "warden {\n  store.path = \"" + dir.resolve("warden.db") + "\"\n"
                + "  auth { hosts = [\"coop.test\"], realm = \"COOP.TEST\", sasl-config-path = \""
                + Stack.base().resolve("sasl2") + "\" }\n  metrics.enabled = false\n" + hocon + "\n}\n");
        return file.toString();
    }

    @Test
    void checkLoginAcceptsAMembersPassword() {
        WardenCli.Run run = WardenCli.run(Stack.password("alice") + "\n", "check-login", "alice", "--config",
                stackConfig());
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("accepted: saslauthd accepted the password of alice@COOP.TEST");
        assertThat(run.out() + run.err()).doesNotContain(Stack.password("alice"));
    }

    @Test
    void checkLoginRejectsAWrongPassword() {
        WardenCli.Run run = WardenCli.run("not-alices-password\n", "check-login", "alice", "--config", stackConfig());
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("rejected: saslauthd refused alice@COOP.TEST: wrong password");
        assertThat(run.out() + run.err()).doesNotContain("not-alices-password");
    }

    @Test
    void checkLoginSaysTheBackendIsUnavailableWhenTheKdcIsDown() {
        // saslauthd answers NO when it cannot reach the KDC, as for a wrong password; the tool, like the
        // service, must not call that "rejected".
        Stack.ctl("stop", "kdc");
        WardenCli.Run run;
        try {
            run = WardenCli.run(Stack.password("alice") + "\n", "check-login", "alice", "--config", stackConfig());
        } finally {
            Stack.ctl("start", "kdc");
        }
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).startsWith("unavailable: saslauthd said no, but no Kerberos KDC accepts connections"
                + " at 127.0.0.1:");
        assertThat(run.out() + run.err()).doesNotContain(Stack.password("alice"));
    }

    @Test
    void checkLoginSaysTheBackendIsUnavailableWhenSaslauthdsSocketIsMissing() throws IOException {
        Path sasl = Files.createDirectory(dir.resolve("sasl2"));
        Files.writeString(sasl.resolve("xmpp.conf"), "pwcheck_method: saslauthd\nmech_list: PLAIN\n"
                + "saslauthd_path: " + dir.resolve("no-saslauthd/mux") + "\n");
        String conf = config("component { jid = \"warden.coop.test\", secret = \"unused\" }\n"
                + "auth.sasl-config-path = \"" + sasl + "\"");
        WardenCli.Run run = WardenCli.run(Stack.password("alice") + "\n", "check-login", "alice", "--config", conf);
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).startsWith("unavailable: saslauthd is not running or its socket is not reachable:"
                + " there is no socket at " + dir.resolve("no-saslauthd/mux"));
    }

    @Test
    void checkLoginAsAUserOutsideGroupSaslNamesTheGroup() throws IOException {
        // The classic trap: saslauthd's socket directory is root:sasl 0710, and nobody is not in group sasl.
        Path jar = Files.copy(WardenCli.jar(), dir.resolve("warden.jar"));
        String conf = config("component { jid = \"warden.coop.test\", secret = \"unused\" }");
        for (Path p : new Path[] {dir, jar, Path.of(conf)}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
        Path tmp = Files.createDirectory(dir.resolve("tmp")); // JNA unpacks its native part here
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        WardenCli.Run run = WardenCli.exec(java.util.List.of("runuser", "-u", "nobody", "--", "java", "-Xmx64m",
                "-Djava.io.tmpdir=" + tmp, "-cp", jar.toString(), "coop.warden.cli.Cli", "check-login", "alice",
                "--config", conf), Stack.password("alice") + "\n");
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("user nobody may not open saslauthd's socket", "group sasl",
                "adduser nobody sasl");
    }

    @Test
    void configCheckPassesForTheStacksOwnConfiguration() {
        WardenCli.Run run = WardenCli.run("", "config", "check", "--config", stackConfig());
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("PROBLEM")
                .contains("ok       configuration " + stackConfig() + " is valid")
                .contains("accepted the component secret for warden.coop.test; another instance")
                .contains("mod_auth_warden is loaded on coop.test");
    }

    @Test
    void configCheckCatchesAWrongComponentSecret() throws IOException {
        String conf = config("component { jid = \"" + SPARE_COMPONENT + "\", secret = \"not-the-secret\" }");
        WardenCli.Run run = WardenCli.run("", "config", "check", "--config", conf);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("PROBLEM  Prosody at 127.0.0.1:5347 refused the component secret for "
                + SPARE_COMPONENT + " (not-authorized): the secret Warden reads (warden.component.secret-file)"
                + " differs from component_secret in Prosody's Component \"" + SPARE_COMPONENT + "\" block");
        assertThat(run.out() + run.err()).doesNotContain("not-the-secret");
    }

    @Test
    void configCheckCatchesAHostWithoutWardensPlugin() throws IOException {
        String conf = config("component { jid = \"" + SPARE_COMPONENT + "\", secret-file = \""
                + Stack.base().resolve("secret/warden2-secret") + "\" }\n"
                + "auth.hosts = [\"guest.coop.test\"]\nmuc.hosts = [\"plain.coop.test\"]");
        WardenCli.Run run = WardenCli.run("", "config", "check", "--config", conf);
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("ok       Prosody at 127.0.0.1:5347 accepted the component secret for " + SPARE_COMPONENT)
                .contains("PROBLEM  mod_auth_warden is not loaded on guest.coop.test: in its VirtualHost set"
                        + " authentication = \"warden\" and warden_component = \"" + SPARE_COMPONENT + "\"")
                .contains("PROBLEM  mod_warden_muc is not loaded on plain.coop.test: in Component \"plain.coop.test\""
                        + " \"muc\" add modules_enabled = { \"warden_muc\" }");
    }

    @Test
    void anAdminSetsAndReadsACapFromTheShellAndAMemberIsRefused() {
        EntityBareJid room = Muc.uniqueRoom("cli");
        String[] login = {"--config", stackConfig(), "--ca-file", Stack.certificate().toString()};
        try {
            WardenCli.Run set = WardenCli.run(Stack.password("admin1") + "\n",
                    concat(new String[] {"caps", "set", room.toString(), "4"}, login));
            assertThat(set.exit()).as(set.toString()).isZero();
            assertThat(set.out()).startsWith(room + " now has a cap of its own: 4 people");

            WardenCli.Run show = WardenCli.run(Stack.password("admin1") + "\n",
                    concat(new String[] {"room", room.toString()}, login));
            assertThat(show.exit()).as(show.toString()).isZero();
            assertThat(show.out()).contains("cap in force: 4 people (this room's own cap)");

            WardenCli.Run member = WardenCli.run(Stack.password("bob") + "\n",
                    concat(new String[] {"caps", "set", room.toString(), "40", "--as", "bob@coop.test"}, login));
            assertThat(member.exit()).as(member.toString()).isEqualTo(1);
            assertThat(member.err()).contains("refused: Only Warden's admins may run its commands. (forbidden)");
        } finally {
            WardenCli.run(Stack.password("admin1") + "\n", concat(new String[] {"caps", "clear", room.toString()},
                    login));
        }
    }

    @Test
    void anAdminActionWithoutTrustInProsodysCertificateSaysHowToGiveIt() {
        WardenCli.Run run = WardenCli.run(Stack.password("admin1") + "\n", "rooms", "--config", stackConfig());
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("TLS with 127.0.0.1:5222 failed", "--ca-file");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
