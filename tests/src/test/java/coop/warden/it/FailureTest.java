// Dead backends and restarts: logins fail as "try later", never hang, and recover by themselves.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailureTest {
    /** warden_auth_timeout in the stack's Prosody config is 5 s; allow connect and TLS on top. */
    private static final Duration LOGIN_BOUND = Duration.ofSeconds(8);

    @AfterEach
    void mend() {
        Stack.ctl("start", "saslauthd");
        Stack.ctl("start", "warden");
    }

    @Test
    void componentStoppedGivesTemporaryAuthFailureThenRecovers() throws Exception {
        Stack.ctl("stop", "warden");
        Clients.Attempt during = Clients.attempt("alice", Stack.password("alice"));
        assertThat(during.outcome()).isEqualTo("temporary-auth-failure");
        assertThat(during.took()).isLessThan(LOGIN_BOUND);

        Stack.ctl("start", "warden");
        Eventually.await(Duration.ofSeconds(30), () -> Clients.attempt("alice", Stack.password("alice")).outcome(),
                "ok"::equals, "login works again once the component is back");
    }

    @Test
    void saslauthdStoppedGivesTemporaryAuthFailureThenRecovers() throws Exception {
        // Warden's credential cache lets members who logged in lately in during an outage (docs/security.md).
        // A failed check drops the member's entry, so user191's login below must ask saslauthd.
        assertThat(Clients.attempt("user191", "wrong").outcome()).isEqualTo("not-authorized");
        Stack.ctl("stop", "saslauthd");
        Clients.Attempt during = Clients.attempt("user191", Stack.password("user191"));
        assertThat(during.outcome()).isEqualTo("temporary-auth-failure");
        assertThat(during.took()).isLessThan(LOGIN_BOUND);
        // A wrong password must not look like a backend outage either way.
        assertThat(Clients.attempt("bob", "wrong").outcome()).isEqualTo("temporary-auth-failure");

        Stack.ctl("start", "saslauthd");
        Eventually.await(Duration.ofSeconds(30), () -> Clients.attempt("user191", Stack.password("user191")).outcome(),
                "ok"::equals, "login works again once saslauthd is back, without restarting Prosody");
    }

    @Test
    void componentReconnectsAfterProsodyRestart() throws Exception {
        Stack.ctl("restart", "prosody");
        Eventually.await(Duration.ofSeconds(45), () -> Clients.attempt("carol", Stack.password("carol")).outcome(),
                "ok"::equals, "login works after a Prosody restart without touching the component");
        assertThat(Stack.read(Stack.base().resolve("warden/log/warden.log"))).contains("link state: CONNECTED");
    }
}
