package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import coop.warden.config.WardenConfig;
import coop.warden.metrics.Metrics;
import coop.warden.rooms.FakeClock;
import coop.warden.sasl.CheckResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the metrics endpoint shows after checks pass through the auth module. */
class AuthMetricsTest {
    private final Metrics metrics = new Metrics();
    private final AuthFixture.FakeChecker checker = new AuthFixture.FakeChecker();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private AuthModule module;

    @AfterEach
    void stop() {
        module.close();
        timers.shutdownNow();
    }

    private void start(String authHocon) {
        WardenConfig config = WardenConfig.of(ConfigFactory.parseString("""
                warden.component { jid = "warden.coop.test", secret = "s3cret" }
                warden.auth { hosts = ["coop.test"], reject-floor = 0 ms }
                """ + "warden.auth {" + authHocon + "}"));
        module = new AuthModule(config.auth(), config.raw(), checker,
                (iq, timeout) -> CompletableFuture.completedFuture(iq.createCopy()), timers, new FakeClock(),
                Runnable::run, metrics.auth());
    }

    private String login(String user, String password) throws Exception {
        return AuthFixture.value(module.handler().handle(AuthFixture.check("coop.test", user, password, "192.0.2.7"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void eachAnsweredCheckCountsOnceUnderItsOutcome() throws Exception {
        start("cache.enabled = false");
        checker.members("alice");
        login("alice", "alice-Secret1");
        login("alice", "wrong");
        login("bob", "wrong");
        checker.answer = (u, p) -> new CheckResult.Unavailable("saslauthd down");
        login("alice", "alice-Secret1");
        assertThat(metrics.registry().scrape()).contains("warden_logins_total{outcome=\"accepted\"} 1\n",
                "warden_logins_total{outcome=\"rejected\"} 2\n", "warden_logins_total{outcome=\"unavailable\"} 1\n",
                "warden_login_check_duration_seconds_count 4\n",
                "warden_login_cache_lookups_total{result=\"hit\"} 0\n");
    }

    @Test
    void checksThatNeverRanAreNotLogins() throws Exception {
        start("cache.enabled = false");
        module.handler().handle(AuthFixture.check("alice@coop.test/laptop", "alice", "x", null))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(metrics.registry().scrape()).contains("warden_logins_total{outcome=\"accepted\"} 0\n",
                "warden_logins_total{outcome=\"rejected\"} 0\n", "warden_logins_total{outcome=\"unavailable\"} 0\n");
    }

    @Test
    void cacheHitsAndMissesFeedTheHitRatio() throws Exception {
        start("cache { lifetime = 10 minutes, recheck-interval = 30 seconds, hash-iterations = 1000 }");
        checker.members("alice");
        login("alice", "alice-Secret1");
        login("alice", "alice-Secret1");
        login("alice", "alice-Secret1");
        login("alice", "alice-Secret1");
        assertThat(metrics.registry().scrape()).contains("warden_login_cache_lookups_total{result=\"hit\"} 3\n",
                "warden_login_cache_lookups_total{result=\"miss\"} 1\n", "warden_login_cache_hit_ratio 0.75\n",
                "warden_logins_total{outcome=\"accepted\"} 4\n");
    }

    @Test
    void rateLimitTripsAreCountedAndAnsweredUnavailable() throws Exception {
        start("cache.enabled = false, limits { per-user { failures = 2, window = 5 minutes } }");
        checker.members("alice");
        login("alice", "guess1");
        login("alice", "guess2");
        assertThat(login("alice", "guess3")).isEqualTo("unavailable");
        assertThat(metrics.registry().scrape()).contains("warden_login_rate_limited_total 1\n",
                "warden_logins_total{outcome=\"rejected\"} 2\n", "warden_logins_total{outcome=\"unavailable\"} 1\n");
        assertThat(checker.calls).hasSize(2);
    }
}
