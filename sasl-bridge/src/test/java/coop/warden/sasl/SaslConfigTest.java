// SaslConfig refuses values that would be unsafe or meaningless.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SaslConfigTest {

    private static SaslConfig with(String app, String service, String realm, Duration timeout, int threads, int queue) {
        return new SaslConfig(app, service, realm, Path.of("/etc/sasl2"), timeout, threads, queue);
    }

    @Test
    void acceptsATypicalConfig() {
        SaslConfig c = new SaslConfig("xmpp", "xmpp", "COOP.TEST", null, Duration.ofSeconds(3), 4, 64);
        assertThat(c.realm()).isEqualTo("COOP.TEST");
        assertThat(c.configPath()).isNull();
        assertThat(with("xmpp", "xmpp", null, Duration.ofMillis(1), 1, 0).realm()).isNull();
    }

    @Test
    void refusesBadValues() {
        Duration t = Duration.ofSeconds(3);
        assertThatThrownBy(() -> with(null, "xmpp", null, t, 1, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> with("../etc/x", "xmpp", null, t, 1, 1)).hasMessageContaining("appName");
        assertThatThrownBy(() -> with("", "xmpp", null, t, 1, 1)).hasMessageContaining("appName");
        assertThatThrownBy(() -> with("xmpp", " ", null, t, 1, 1)).hasMessageContaining("service");
        assertThatThrownBy(() -> with("xmpp", "xm\0pp", null, t, 1, 1)).hasMessageContaining("service");
        assertThatThrownBy(() -> with("xmpp", "xmpp", "", t, 1, 1)).hasMessageContaining("realm");
        assertThatThrownBy(() -> with("xmpp", "xmpp", "A@B", t, 1, 1)).hasMessageContaining("realm");
        assertThatThrownBy(() -> with("xmpp", "xmpp", "R".repeat(256), t, 1, 1)).hasMessageContaining("realm");
        assertThatThrownBy(() -> with("xmpp", "xmpp", null, Duration.ZERO, 1, 1)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> with("xmpp", "xmpp", null, t, 0, 1)).hasMessageContaining("threads");
        assertThatThrownBy(() -> with("xmpp", "xmpp", null, t, 1, -1)).hasMessageContaining("queueCapacity");
    }
}
