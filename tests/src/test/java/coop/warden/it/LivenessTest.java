// While a login waits on a hung Kerberos KDC, Prosody keeps serving everyone else (mod_auth_cyrus froze).
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;

class LivenessTest {

    /** Logs in only here (LoginStormTest leaves it out), so no earlier test put it in Warden's cache. */
    private static final String MEMBER = "user192";

    @Test
    void memberPingIsAnsweredWhileALoginWaitsOnAHungKdc() throws Exception {
        XMPPTCPConnection bystander = Clients.login("erin");
        PingManager pings = PingManager.getInstanceFor(bystander);
        List<Long> rttMillis = new ArrayList<>();
        // A wrong password evicts any cache entry for the member (a run before this one against the
        // same stack may have left one), so the login below has to wait on the backend.
        assertThat(Clients.attempt(MEMBER, "not-" + MEMBER + "s-password").outcome()).isEqualTo("not-authorized");
        Clients.Attempt login;
        Stack.ctl("pause", "kdc");
        try {
            CompletableFuture<Clients.Attempt> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return Clients.attempt(MEMBER, Stack.password(MEMBER));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!pending.isDone()) {
                long t0 = System.nanoTime();
                assertThat(pings.pingMyServer(false, 10_000)).as("server answers the ping").isTrue();
                rttMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            login = pending.join();
        } finally {
            Stack.ctl("resume", "kdc");
            bystander.disconnect();
        }
        // The login really was stuck on the backend until Warden's deadline...
        assertThat(login.outcome()).isEqualTo("temporary-auth-failure");
        assertThat(login.took()).isGreaterThan(Duration.ofSeconds(2));
        // ...and all that time the bystander's pings came back promptly, not after the backend's delay.
        assertThat(rttMillis).hasSizeGreaterThan(10);
        assertThat(Collections.max(rttMillis)).as("worst ping round trip, ms").isLessThan(1000);
    }
}
