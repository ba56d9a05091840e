package coop.warden.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.warden.xmpp.LinkState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (counter|gauge|histogram)$");

    private final Metrics metrics = new Metrics();
    private final AtomicReference<LinkState> link = new AtomicReference<>(LinkState.CONNECTING);

    MetricsTest() {
        metrics.watchLink(link::get, () -> 3);
        metrics.watchRooms(() -> 2, () -> 7, () -> 1);
    }

    @Test
    void everyFamilyIsSnakeCaseWithHelpAndTheExpositionEndsWithEof() {
        String text = metrics.registry().scrape();
        List<String> names = new ArrayList<>();
        Matcher m = TYPE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("warden_logins", "warden_login_check_duration_seconds",
                "warden_login_cache_lookups", "warden_login_cache_hit_ratio", "warden_login_rate_limited",
                "warden_joins_allowed", "warden_joins_refused", "warden_rooms", "warden_room_occupants",
                "warden_breakout_rooms", "warden_link_up", "warden_link_reconnects");
        for (String name : names) {
            assertThat(name).matches("[a-z][a-z0-9_]*");
            assertThat(text).containsPattern("(?m)^# HELP " + name + " \\S.{10,}$");
        }
        assertThat(text).contains("# UNIT warden_login_check_duration_seconds seconds\n");
        assertThat(text).endsWith("\n# EOF\n");
    }

    @Test
    void knownLabelsAreExposedAtZeroBeforeAnythingHappens() {
        String text = metrics.registry().scrape();
        assertThat(text).contains("warden_logins_total{outcome=\"accepted\"} 0\n",
                "warden_logins_total{outcome=\"rejected\"} 0\n", "warden_logins_total{outcome=\"unavailable\"} 0\n",
                "warden_joins_refused_total{reason=\"full\"} 0\n", "warden_login_rate_limited_total 0\n",
                "warden_login_cache_hit_ratio NaN\n");
    }

    @Test
    void loginsCountByOutcomeAndLandInLatencyBuckets() {
        AuthMetrics auth = metrics.auth();
        auth.login("accepted", Duration.ofMillis(40));
        auth.login("accepted", Duration.ofMillis(300));
        auth.login("rejected", Duration.ofSeconds(20));
        String text = metrics.registry().scrape();
        assertThat(text).contains("warden_logins_total{outcome=\"accepted\"} 2\n",
                "warden_logins_total{outcome=\"rejected\"} 1\n",
                "warden_login_check_duration_seconds_bucket{le=\"0.025\"} 0\n",
                "warden_login_check_duration_seconds_bucket{le=\"0.05\"} 1\n",
                "warden_login_check_duration_seconds_bucket{le=\"0.5\"} 2\n",
                "warden_login_check_duration_seconds_bucket{le=\"10.0\"} 2\n",
                "warden_login_check_duration_seconds_bucket{le=\"+Inf\"} 3\n",
                "warden_login_check_duration_seconds_count 3\n",
                "warden_login_check_duration_seconds_sum 20.34\n");
    }

    @Test
    void cacheHitRatioFollowsHitsAndMisses() {
        metrics.auth().cacheHit();
        metrics.auth().cacheHit();
        metrics.auth().cacheHit();
        metrics.auth().cacheMiss();
        metrics.auth().rateLimited();
        assertThat(metrics.registry().scrape()).contains("warden_login_cache_lookups_total{result=\"hit\"} 3\n",
                "warden_login_cache_lookups_total{result=\"miss\"} 1\n", "warden_login_cache_hit_ratio 0.75\n",
                "warden_login_rate_limited_total 1\n");
    }

    @Test
    void linkAndRoomGaugesAreReadAtScrapeTime() {
        assertThat(metrics.registry().scrape()).contains("warden_link_up 0\n", "warden_link_reconnects_total 2\n",
                "warden_rooms 2\n", "warden_room_occupants 7\n", "warden_breakout_rooms 1\n");
        link.set(LinkState.CONNECTED);
        assertThat(metrics.registry().scrape()).contains("warden_link_up 1\n");
    }

    @Test
    void joinsCountAllowedAndRefusedByReason() {
        metrics.joins().allowed();
        metrics.joins().refused("full");
        metrics.joins().refused("full");
        metrics.joins().refused("rules");
        assertThat(metrics.registry().scrape()).contains("warden_joins_allowed_total 1\n",
                "warden_joins_refused_total{reason=\"full\"} 2\n", "warden_joins_refused_total{reason=\"rules\"} 1\n");
    }

    @Test
    void aLabelThatKeepsChangingCannotFloodTheExposition() {
        for (int i = 0; i < 100; i++) {
            metrics.joins().refused("reason_" + i);
        }
        String text = metrics.registry().scrape();
        long lines = text.lines().filter(l -> l.startsWith("warden_joins_refused_total{")).count();
        assertThat(lines).isEqualTo(LabeledCounter.MAX_VALUES + 1);
        assertThat(text).containsPattern("warden_joins_refused_total\\{reason=\"other\"} \\d+\n");
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        MetricRegistry r = new MetricRegistry();
        LabeledCounter c = r.register(new LabeledCounter("warden_test", "says \\ and\nmore", "l", List.of()));
        c.inc("a\"b\\c\nd");
        assertThat(r.scrape()).contains("# HELP warden_test says \\\\ and\\nmore\n",
                "warden_test_total{l=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    @Test
    void aFailingGaugeReadsNaNInsteadOfBreakingTheScrape() {
        MetricRegistry r = new MetricRegistry();
        r.register(new Gauge("warden_broken", "always fails", () -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(r.scrape()).contains("warden_broken NaN\n");
    }

    @Test
    void namesAreCheckedWhenRegistered() {
        MetricRegistry r = new MetricRegistry();
        r.register(Counter.counting("warden_once", "help"));
        assertThatThrownBy(() -> r.register(Counter.counting("warden_once", "help")))
                .hasMessageContaining("registered twice");
        assertThatThrownBy(() -> Counter.counting("wardenCamel", "help")).hasMessageContaining("snake_case");
        assertThatThrownBy(() -> Counter.counting("warden_x_total", "help")).hasMessageContaining("_total");
        assertThatThrownBy(() -> new Histogram("warden_latency", "help", "seconds", 1))
                .hasMessageContaining("must end with its unit");
        assertThatThrownBy(() -> new Histogram("warden_x_seconds", "help", "seconds", 2, 1))
                .hasMessageContaining("increase");
    }

    @Test
    void numbersAreWrittenTheWayOpenMetricsReadsThem() {
        assertThat(MetricFamily.number(3)).isEqualTo("3");
        assertThat(MetricFamily.number(0.25)).isEqualTo("0.25");
        assertThat(MetricFamily.number(Double.NaN)).isEqualTo("NaN");
        assertThat(MetricFamily.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(MetricFamily.number(-2)).isEqualTo("-2");
    }
}
