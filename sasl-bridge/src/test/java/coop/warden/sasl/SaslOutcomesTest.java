// The sasl_checkpass return code mapping.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SaslOutcomesTest {

    @Test
    void okIsAccepted() {
        assertThat(SaslOutcomes.classify(0, "")).isEqualTo(new CheckResult.Accepted());
    }

    /** BADAUTH is what saslauthd's "NO" becomes: wrong password and unknown user alike (verified). */
    @ParameterizedTest
    @ValueSource(ints = {-13, -20, -14, -26, -18, -19, -21, -3})
    void verdictsAboutTheCredentialsAreRejected(int code) {
        assertThat(SaslOutcomes.classify(code, "authentication failure")).isEqualTo(new CheckResult.Rejected());
    }

    /** FAIL is what a stopped, unreachable or disconnecting saslauthd becomes (verified). */
    @ParameterizedTest
    @ValueSource(ints = {-1, -24, -8, -2, -4, -7, -12, -100, -6, -15, 1, 2, 42, -999})
    void everythingElseIsUnavailable(int code) {
        assertThat(SaslOutcomes.classify(code, "x")).isInstanceOf(CheckResult.Unavailable.class);
    }

    @Test
    void unavailableReasonNamesTheCodeAndKeepsTheDetail() {
        assertThat(SaslOutcomes.classify(-1, "cannot connect to saslauthd server: Connection refused"))
                .isEqualTo(new CheckResult.Unavailable(
                        "SASL_FAIL (-1): cannot connect to saslauthd server: Connection refused"));
        assertThat(SaslOutcomes.classify(-77, null))
                .isEqualTo(new CheckResult.Unavailable("unknown SASL code (-77)"));
    }
}
