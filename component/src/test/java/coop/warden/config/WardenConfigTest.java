package coop.warden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WardenConfigTest {

    private static WardenConfig parse(String hocon) {
        return WardenConfig.of(ConfigFactory.parseString(hocon));
    }

    @Test
    void minimalFileGetsReferenceDefaults() {
        WardenConfig c = parse("""
                warden.component { jid = "warden.coop.test", secret = "s3cret" }
                warden.auth.hosts = ["coop.test"]
                """);
        assertThat(c.component().port()).isEqualTo(5347);
        assertThat(c.component().host()).isEqualTo("127.0.0.1");
        assertThat(c.auth().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.auth().hosts()).containsExactly("coop.test");
        assertThat(c.auth().realm()).isNull();
        assertThat(c.auth().saslConfigPath()).isNull();
    }

    @Test
    void secretIsReadFromFileAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret");
        Files.writeString(f, "file-secret-42\n");
        WardenConfig c = parse("warden.component { jid = \"w.example\", secret-file = \"" + f + "\" }");
        assertThat(c.component().secret().reveal()).isEqualTo("file-secret-42");
        assertThat(c.component().toString()).doesNotContain("file-secret-42");
        assertThat(c.toString()).doesNotContain("file-secret-42");
    }

    @Test
    void missingSecretFileNamesThePath(@TempDir Path dir) {
        Path f = dir.resolve("nope");
        assertThatThrownBy(() -> parse("warden.component { jid = \"w.example\", secret-file = \"" + f + "\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void bothOrNeitherSecretIsAnError() {
        assertThatThrownBy(() -> parse("warden.component { jid = \"w.example\" }"))
                .hasMessageContaining("exactly one of secret-file");
        assertThatThrownBy(() -> parse("warden.component { jid = \"w.example\", secret = a, secret-file = /x }"))
                .hasMessageContaining("exactly one of secret-file");
    }

    @Test
    void wrongTypesAndBadValuesAreClearErrors() {
        assertThatThrownBy(() -> parse("warden.component { jid = \"w.example\", secret = a, port = lots }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> parse("warden.component { jid = \"me@w.example\", secret = a }"))
                .hasMessageContaining("bare domain");
        assertThatThrownBy(() -> parse("""
                warden.component { jid = "w.example", secret = a }
                warden.auth { hosts = ["alice@coop.test"] }
                """)).hasMessageContaining("bare domains");
        assertThatThrownBy(() -> parse("""
                warden.component { jid = "w.example", secret = a }
                warden.auth.timeout = 0 seconds
                """)).hasMessageContaining("timeout");
    }

    @Test
    void aSyntaxErrorNamesTheFileButNotTheSecretOnTheBadLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("warden.conf");
        for (String line : new String[] {"secret \"Inline-S3cret\"", "secret = Inline-S3cret }}",
                "secret = \"Inline-S3cret", "secret: [Inline-S3cret"}) {
            Files.writeString(f, "warden.component {\n  " + line + "\n}\n");
            assertThatThrownBy(() -> WardenConfig.load(f)).as(line)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(f + ": syntax error: ")
                    .hasMessageNotContaining("Inline-S3cret")
                    .hasMessageNotContaining("S3cret");
        }
    }
}
