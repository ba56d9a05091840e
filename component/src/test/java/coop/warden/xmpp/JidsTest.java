package coop.warden.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class JidsTest {
    @Test
    void theLongestValidJidStillParses() {
        String longest = "n".repeat(1023) + "@" + "d".repeat(63) + ".test/" + "r".repeat(1023);
        assertThat(Jids.parse(longest)).isEqualTo(new JID(longest));
        assertThat(Jids.parse("meeting@conference.coop.test").getNode()).isEqualTo("meeting");
    }

    @Test
    void textTooLongForAnyJidIsRefusedBeforeStringprep() {
        String huge = "a".repeat(250_000) + "@conference.coop.test";
        assertThatThrownBy(() -> Jids.parse(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("longer than any JID (250021 characters)");
        assertThatThrownBy(() -> Jids.parse("a".repeat(Jids.MAX_LENGTH + 1)))
                .hasMessageStartingWith("longer than any JID");
    }

    @Test
    void invalidJidsAreRefusedAsBefore() {
        assertThatThrownBy(() -> Jids.parse("a@@b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jids.parse("r@conference.coop.test/" + "x".repeat(1024)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
