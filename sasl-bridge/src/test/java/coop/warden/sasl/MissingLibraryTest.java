// A missing or wrong libsasl2 is a clear SaslUnavailableException from start(), not a class-init error.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MissingLibraryTest {

    private static final SaslConfig CONFIG = new SaslConfig("xmpp", "xmpp", "COOP.TEST", null,
            Duration.ofSeconds(1), 1, 1);

    @Test
    void missingLibraryTellsWhichPackageToInstall() {
        assertThatThrownBy(() -> CyrusPasswordChecker.start(CONFIG, "libwarden-no-such-sasl.so.2"))
                .isInstanceOf(SaslUnavailableException.class)
                .hasMessageStartingWith("libwarden-no-such-sasl.so.2 not found: install the Debian package libsasl2-2");
    }

    @Test
    void aLibraryThatIsNotLibsasl2IsRefused() {
        assertThatThrownBy(() -> CyrusPasswordChecker.start(CONFIG, "libc.so.6"))
                .isInstanceOf(SaslUnavailableException.class)
                .hasMessageContaining("is not libsasl2");
    }
}
