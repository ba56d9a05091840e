// The stack's Warden reports, on its loopback OpenMetrics endpoint, exactly the logins and joins a test made.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jxmpp.jid.EntityBareJid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
    private static final String ACCEPTED = "warden_logins_total{outcome=\"accepted\"}";
    private static final String REJECTED = "warden_logins_total{outcome=\"rejected\"}";
    private static final String UNAVAILABLE = "warden_logins_total{outcome=\"unavailable\"}";
    private static final String HITS = "warden_login_cache_lookups_total{result=\"hit\"}";
    private static final String CHECKS = "warden_login_check_duration_seconds_count";
    private static final String JOINS = "warden_joins_allowed_total";
    private static final String FULL = "warden_joins_refused_total{reason=\"full\"}";
    /** The stack is shared: a window in which someone else also logged in is measured again. */
    private static final int WINDOWS = 4;

    private final Muc.People people = new Muc.People();

    @BeforeEach
    void wardenIsUp() throws Exception {
        Eventually.await(Duration.ofSeconds(30), () -> Scrape.get(Scrape.STACK_PORT, "/health").statusCode(),
                status -> status == 200, "the stack's Warden is connected");
    }

    @AfterEach
    void tidy() {
        people.close();
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} until the counters moved by exactly {@code expected} around it. */
    private static void expectDeltas(Map<String, Long> expected, Action action) throws Exception {
        Map<String, Long> seen = null;
        for (int i = 0; i < WINDOWS; i++) {
            Map<String, Double> before = Scrape.metrics(Scrape.STACK_PORT);
            action.run();
            seen = Scrape.deltas(before, Scrape.metrics(Scrape.STACK_PORT), expected.keySet());
            if (seen.equals(expected)) {
                return;
            }
            if (seen.values().stream().anyMatch(d -> d < 0)) {
                continue; // Warden restarted in between (its counters start at 0): measure again
            }
            for (var e : expected.entrySet()) {
                assertThat(seen.get(e.getKey())).as("%s moved by less than this test did: %s", e.getKey(), seen)
                        .isGreaterThanOrEqualTo(e.getValue());
            }
        }
        assertThat(seen).as("counter deltas in each of %d windows (others kept using the stack?)", WINDOWS)
                .isEqualTo(expected);
    }

    @Test
    void unavailableLoginsAndCacheHitsAreCountedToo() throws Exception {
        Clients.login("erin").disconnect(); // in Warden's cache from now on, confirmed by the backend
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(ACCEPTED, 1L);
        expected.put(UNAVAILABLE, 1L);
        expected.put(HITS, 1L);
        expectDeltas(expected, () -> {
            assertThat(Clients.attempt("erin", Stack.password("erin")).outcome()).as("erin, from the cache")
                    .isEqualTo("ok");
            Stack.ctl("stop", "saslauthd");
            try {
                assertThat(Clients.attempt("dave", "not-daves-password").outcome()).as("dave, saslauthd stopped")
                        .isEqualTo("temporary-auth-failure");
            } finally {
                Stack.ctl("start", "saslauthd");
            }
        });
    }

    @Test
    void loginCountsMatchTheLoginsThisTestMade() throws Exception {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(ACCEPTED, 3L);
        expected.put(REJECTED, 2L);
        expected.put(CHECKS, 5L);
        expectDeltas(expected, () -> {
            for (String user : new String[] {"alice", "bob", "carol"}) {
                assertThat(Clients.attempt(user, Stack.password(user)).outcome()).isEqualTo("ok");
            }
            assertThat(Clients.attempt("dave", "not-daves-password").outcome()).isEqualTo("not-authorized");
            assertThat(Clients.attempt("nobody-such", "whatever-it-is").outcome()).isEqualTo("not-authorized");
        });
    }

    @Test
    void joinCountsMatchAnAllowedAndARefusedJoin() throws Exception {
        Adhoc admin = new Adhoc(people.login("admin1"));
        var alice = people.login("alice");
        var bob = people.login("bob");
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(JOINS, 1L);
        expected.put(FULL, 1L);
        try {
            expectDeltas(expected, () -> {
                EntityBareJid room = Muc.uniqueRoom("metrics");
                admin.setRoomCap(room, "1");
                try {
                    Muc.join(alice, room, "alice");
                    assertThat(Muc.attempt(bob, room, "bob").isFull()).isTrue();
                } finally {
                    admin.clearRoomCap(room);
                }
            });
        } finally {
            people.close();
        }
    }

    @Test
    void everyMetricHasHelpAndTheExpositionIsOpenMetrics() throws Exception {
        HttpResponse<String> r = Scrape.get(Scrape.STACK_PORT, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/openmetrics-text; version=1.0.0"));
        String text = r.body();
        assertThat(text).endsWith("# EOF\n");
        Matcher types = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(text);
        int families = 0;
        while (types.find()) {
            families++;
            assertThat(types.group(1)).matches("warden_[a-z0-9_]+");
            assertThat(text).containsPattern("(?m)^# HELP " + Pattern.quote(types.group(1)) + " \\S");
        }
        assertThat(families).isGreaterThanOrEqualTo(12);
        assertThat(Scrape.samples(text)).containsKeys(ACCEPTED, REJECTED, JOINS, FULL, "warden_link_up",
                "warden_link_reconnects_total", "warden_rooms", "warden_room_occupants", "warden_breakout_rooms",
                "warden_login_cache_hit_ratio", "warden_login_rate_limited_total")
                .containsEntry("warden_link_up", 1.0);
    }

    @Test
    void healthIsUpAndShowsWhatTheProsodyCheckFound() throws Exception {
        HttpResponse<String> r = Eventually.await(Duration.ofSeconds(20),
                () -> Scrape.get(Scrape.STACK_PORT, "/health"), h -> h.statusCode() == 200, "warden healthy");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).startsWith("{\"status\":\"up\",\"link\":\"CONNECTED\"")
                .contains("{\"host\":\"coop.test\",\"ok\":true,\"message\":\"mod_auth_warden is loaded on coop.test\"}")
                .contains("{\"host\":\"conference.coop.test\",\"ok\":true,");
    }
}
