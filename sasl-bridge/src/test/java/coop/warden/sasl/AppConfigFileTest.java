// Locating <app>.conf before libsasl2 silently falls back to its defaults.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigFileTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheFileInTheConfiguredDirectory() throws Exception {
        Files.writeString(tmp.resolve("xmpp.conf"), "pwcheck_method: saslauthd\n");

        assertThat(AppConfigFile.locate("xmpp", tmp, List.of())).isEqualTo(tmp.resolve("xmpp.conf").toAbsolutePath());
    }

    @Test
    void aConfiguredDirectoryWithoutTheFileIsAnErrorEvenIfTheSearchPathHasOne() throws Exception {
        Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve("xmpp.conf"), "pwcheck_method: saslauthd\n");

        assertThatThrownBy(() -> AppConfigFile.locate("xmpp", tmp, List.of(other)))
                .isInstanceOf(SaslUnavailableException.class)
                .hasMessageContaining("xmpp.conf not found in [" + tmp + "]")
                .hasMessageContaining("pwcheck_method: saslauthd");
    }

    @Test
    void withoutAConfiguredDirectoryTheFirstSearchDirectoryWithTheFileWins() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Path c = Files.createDirectory(tmp.resolve("c"));
        Files.writeString(b.resolve("xmpp.conf"), "x: y\n");
        Files.writeString(c.resolve("xmpp.conf"), "x: y\n");

        assertThat(AppConfigFile.locate("xmpp", null, List.of(a, b, c))).isEqualTo(b.resolve("xmpp.conf"));
    }

    @Test
    void searchPathFollowsLibsasl2() {
        assertThat(AppConfigFile.defaultSearchPath("/opt/a:/opt/b", Optional.empty()))
                .containsExactly(Path.of("/opt/a"), Path.of("/opt/b"));
        assertThat(AppConfigFile.defaultSearchPath(null, Optional.of(Path.of("/usr/lib/x86_64-linux-gnu/libsasl2.so.2"))))
                .containsExactly(Path.of("/etc/sasl2"), Path.of("/etc/sasl"),
                        Path.of("/usr/lib/x86_64-linux-gnu/sasl2"), Path.of("/usr/lib/sasl2"));
    }

    @Test
    void keySettingsAreReadForTheStartupLog() throws Exception {
        Path f = tmp.resolve("xmpp.conf");
        Files.writeString(f, "# comment\npwcheck_method: saslauthd\nmech_list: PLAIN\nsaslauthd_path: /run/x/mux\nlog_level: 3\n");

        assertThat(AppConfigFile.keySettings(f)).containsExactly(
                java.util.Map.entry("pwcheck_method", "saslauthd"), java.util.Map.entry("mech_list", "PLAIN"),
                java.util.Map.entry("saslauthd_path", "/run/x/mux"));
    }
}
