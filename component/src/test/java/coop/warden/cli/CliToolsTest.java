package coop.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import coop.warden.config.AuthConfig;
import coop.warden.config.WardenConfig;
import coop.warden.health.Finding;
import coop.warden.health.Health;
import coop.warden.xmpp.LinkState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline parts of the `warden` tool: argument parsing, the verb table, the advice, reading /health. */
class CliToolsTest {
    @TempDir
    Path dir;

    @Test
    void optionsAndWordsAreSeparatedAndUnknownOptionsRefused() throws Exception {
        Args a = Args.parse(List.of("caps", "set", "--config", "/tmp/w.conf", "r@c", "-c", "/x.conf", "--verbose", "3"),
                Set.of("config"), Set.of("verbose"));
        assertThat(a.words()).containsExactly("caps", "set", "r@c", "3");
        assertThat(a.config()).isEqualTo(Path.of("/x.conf"));
        assertThat(a.flag("verbose")).isTrue();
        assertThat(Args.parse(List.of(), Set.of(), Set.of()).config()).isEqualTo(Path.of("/etc/warden/warden.conf"));
        assertThatThrownBy(() -> Args.parse(List.of("--bogus"), Set.of("config"), Set.of()))
                .hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> Args.parse(List.of("--config"), Set.of("config"), Set.of()))
                .hasMessage("--config needs a value");
    }

    @Test
    void verbsMapShellWordsOntoCommandNodesAndFields() {
        AdminVerbs.Verb set = AdminVerbs.find(List.of("caps", "set", "r@conference.coop.test", "5")).orElseThrow();
        assertThat(set.node()).isEqualTo("warden#set-room-cap");
        assertThat(set.answers().apply(List.of("r@c", "5"))).isEqualTo(Map.of("room", List.of("r@c"), "cap", List.of("5")));
        AdminVerbs.Verb def = AdminVerbs.find(List.of("caps", "default", "configured")).orElseThrow();
        assertThat(def.answers().apply(List.of("configured"))).isEqualTo(Map.of("use-configured", List.of("true")));
        AdminVerbs.Verb mods = AdminVerbs.find(List.of("moderators", "r@c", "a@x", "b@x")).orElseThrow();
        assertThat(mods.answers().apply(List.of("r@c", "a@x", "b@x")))
                .containsEntry("moderators", List.of("a@x", "b@x"));
        assertThat(AdminVerbs.find(List.of("meeting", "r@c")).orElseThrow().node()).isEqualTo("warden#breakout-status");
        AdminVerbs.Verb generic = AdminVerbs.find(List.of("command", "warden#x", "a=1", "a=2", "b=")).orElseThrow();
        assertThat(AdminVerbs.node(generic, List.of("warden#x"))).isEqualTo("warden#x");
        assertThat(generic.answers().apply(List.of("warden#x", "a=1", "a=2", "b=")))
                .isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of("")));
        assertThatThrownBy(() -> generic.answers().apply(List.of("warden#x", "oops")))
                .hasMessageContaining("expected FIELD=VALUE");
        assertThat(AdminVerbs.find(List.of("frobnicate"))).isEmpty();
    }

    @Test
    void unknownCommandsAndBadArgumentCountsPrintTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"caps", "set", "only-a-room"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out), new PrintStream(err));
        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: warden caps set ROOM CAP|none",
                "warden check-login USER");
        assertThat(Cli.run(new String[] {"frobnicate"}, new ByteArrayInputStream(new byte[0]), new PrintStream(out),
                new PrintStream(err))).isEqualTo(Cli.USAGE);
    }

    @Test
    void configDefaultsPrintsThePackagedConfiguration() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"config", "defaults"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("#jid = \"warden.example.org\"",
                "secret-file = \"/etc/warden/component-secret\"");
    }

    @Test
    void checkLoginWithAnUnreadableConfigIsUnavailable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"check-login", "alice", "--config", dir.resolve("none.conf").toString()},
                new ByteArrayInputStream("pw\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(out),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isEqualTo(CheckLogin.UNAVAILABLE);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("unavailable: cannot read the configuration");
    }

    private AuthConfig auth(String saslauthdPath) throws IOException {
        Files.writeString(dir.resolve("xmpp.conf"), "pwcheck_method: saslauthd\nmech_list: PLAIN\n"
                + (saslauthdPath == null ? "" : "saslauthd_path: " + saslauthdPath + "\n"));
        return WardenConfig.of(ConfigFactory.parseString("warden.component { jid = \"w.coop.test\", secret = \"s\" }\n"
                + "warden.auth.sasl-config-path = \"" + dir + "\"")).auth();
    }

    @Test
    void adviceNamesTheSocketAndTheGroup() throws IOException {
        LoginAdvice advice = new LoginAdvice(auth("/srv/sasl/mux"), "warden");
        assertThat(advice.unavailable("SASL_FAIL (-1): cannot connect to saslauthd server: Permission denied"))
                .contains("user warden may not open saslauthd's socket /srv/sasl/mux", "adduser warden sasl");
        assertThat(advice.unavailable("SASL_FAIL (-1): cannot connect to saslauthd server: No such file or directory"))
                .startsWith("saslauthd is not running or its socket is not reachable: there is no socket at /srv/sasl/mux");
        assertThat(advice.unavailable("SASL_FAIL (-1): cannot connect to saslauthd server: Connection refused"))
                .contains("left over");
        assertThat(advice.unavailable("timed out after 3000 ms")).contains("KDC", "clock");
        assertThat(new LoginAdvice(auth(null), "warden").unavailable("x: cannot connect to saslauthd server: x"))
                .contains("/run/saslauthd/mux");
    }

    @Test
    void theRunningServicesFindingsAreReadBackFromItsHealthReport() {
        Health health = new Health(() -> LinkState.CONNECTED, null);
        String json = health.report().json().replace("\"prosody\":[]", "\"prosody\":[{\"host\":\"coop.test\",\"ok\":true,"
                + "\"message\":\"fine\"},{\"host\":\"x.test\",\"ok\":false,\"message\":\"set \\\"a\\\" \\\\ \\u0041\"}]");
        assertThat(RunningService.parse(json)).containsExactly(new Finding("coop.test", true, "fine"),
                new Finding("x.test", false, "set \"a\" \\ A"));
    }
}
