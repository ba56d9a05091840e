// Durations as moderators type them.
package coop.warden.breakout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void aBareNumberIsMinutesAndUnitsAreUnderstood() {
        assertThat(Durations.parse("15")).contains(Duration.ofMinutes(15));
        assertThat(Durations.parse(" 90 s ")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("10 min")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("2 hours")).contains(Duration.ofHours(2));
    }

    @Test
    void emptyNoneAndZeroMeanNoDuration() {
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("none")).isEmpty();
        assertThat(Durations.parse("0")).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
    }

    @Test
    void anythingElseIsAnErrorThatSaysWhatToType() {
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(BreakoutException.class)
                .hasMessageContaining("“soon” is not a duration").hasMessageContaining("“15”");
        assertThatThrownBy(() -> Durations.parse("-5")).isInstanceOf(BreakoutException.class);
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Durations.describe(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(Durations.describe(Duration.ofMinutes(15))).isEqualTo("15 min");
        assertThat(Durations.describe(Duration.ofSeconds(90))).isEqualTo("90 s");
    }
}
