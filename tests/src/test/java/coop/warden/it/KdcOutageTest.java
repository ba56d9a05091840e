// Issue 6: with the KDC stopped, saslauthd says NO as for a wrong password; Warden's KDC probe turns that into "try later".
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Needs warden.auth.kdc-probe.addresses pointing at the demo KDC (stack/warden.conf.in does). */
class KdcOutageTest {
    private static final String TRY_LATER = "temporary-auth-failure";

    @AfterEach
    void mend() {
        Stack.ctl("start", "kdc");
    }

    @Test
    void aStoppedKdcIsAnOutageNotAWrongPasswordAndCachedMembersStillLogIn() throws Exception {
        Clients.login("user194").disconnect(); // cached now, confirmed by the backend
        // A wrong password evicts any entry a run before this one against the same stack left for user193.
        assertThat(Clients.attempt("user193", "not-user193s-password").outcome()).isEqualTo("not-authorized");
        Stack.ctl("stop", "kdc");
        try {
            Clients.Attempt wrong = Clients.attempt("user195", "not-user195s-password");
            Clients.Attempt right = Clients.attempt("user193", Stack.password("user193"));
            Clients.Attempt unknown = Clients.attempt("nobody-during-outage", "whatever-1");
            assertThat(wrong.outcome()).as("a wrong password, unverifiable").isEqualTo(TRY_LATER);
            assertThat(right.outcome()).as("an uncached member").isEqualTo(TRY_LATER);
            assertThat(unknown.outcome()).isEqualTo(TRY_LATER);
            assertThat(unknown.text()).isEqualTo(wrong.text());
            assertThat(Clients.attempt("user194", Stack.password("user194")).outcome())
                    .as("a member Warden has cached").isEqualTo("ok");
        } finally {
            Stack.ctl("start", "kdc");
        }
        Eventually.await(Duration.ofSeconds(30), () -> Clients.attempt("user195", "not-user195s-password").outcome(),
                "not-authorized"::equals, "a wrong password is a wrong password again once the KDC is back");
        assertThat(Clients.attempt("user193", Stack.password("user193")).outcome()).isEqualTo("ok");
    }
}
