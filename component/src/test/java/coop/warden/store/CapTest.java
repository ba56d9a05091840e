package coop.warden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapTest {

    @Test
    void parsesNumbersAndNone() {
        assertThat(Cap.parse("20")).isEqualTo(Cap.seats(20));
        assertThat(Cap.parse(" 007 ")).isEqualTo(Cap.seats(7));
        assertThat(Cap.parse("+3")).isEqualTo(Cap.seats(3));
        assertThat(Cap.parse("0")).isEqualTo(Cap.seats(0));
        assertThat(Cap.parse("100000")).isEqualTo(Cap.seats(Cap.MAX_SEATS));
        assertThat(Cap.parse("None")).isEqualTo(Cap.unlimited());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "100001", "99999999999999999999", "", "  ", "1.5", "1e3", "3 people"})
    void refusesBadInputWithAMessageForPeople(String input) {
        assertThatThrownBy(() -> Cap.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(cap|negative|large).*");
    }

    @Test
    void negativeAndLargeSayWhy() {
        assertThatThrownBy(() -> Cap.parse("-5")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Cap.parse("250000")).hasMessageContaining("too large");
    }

    @Test
    void admitsUpToTheCap() {
        assertThat(Cap.seats(2).admitsOneMore(1)).isTrue();
        assertThat(Cap.seats(2).admitsOneMore(2)).isFalse();
        assertThat(Cap.seats(0).admitsOneMore(0)).isFalse();
        assertThat(Cap.unlimited().admitsOneMore(1_000_000)).isTrue();
        assertThat(Cap.seats(5).wire()).isEqualTo("5");
        assertThat(Cap.unlimited().wire()).isEqualTo("none");
    }

    @Test
    void seatsAreRangeChecked() {
        assertThatThrownBy(() -> Cap.seats(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cap.seats(Cap.MAX_SEATS + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
