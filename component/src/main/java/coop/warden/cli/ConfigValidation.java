// Builds every configured part the way the service's start-up does, to find a bad value before a restart.
package coop.warden.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import coop.warden.auth.AuthModule;
import coop.warden.breakout.BreakoutConfig;
import coop.warden.config.LogLevel;
import coop.warden.config.WardenConfig;
import coop.warden.metrics.MetricsConfig;
import coop.warden.rooms.RoomsModule;
import coop.warden.sasl.CheckResult;
import coop.warden.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/** The rooms feature is built over a scratch store, so the real one is never touched. */
final class ConfigValidation {

    /** The first bad value (empty when none), and the warnings the service would log at start-up. */
    record Outcome(Optional<String> problem, List<String> warnings) {}

    private ConfigValidation() {
    }

    static Outcome check(WardenConfig config) {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Appender<ILoggingEvent> console = root.getAppender("STDOUT");
        root.addAppender(captured);
        if (console != null) {
            root.detachAppender(console);
        }
        try {
            Optional<String> problem = problem(config);
            List<String> warnings = captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            return new Outcome(problem, warnings);
        } finally {
            root.detachAppender(captured);
            if (console != null) {
                root.addAppender(console);
            }
        }
    }

    /** The first problem with a value, as the service would report it at start-up; empty when none. */
    private static Optional<String> problem(WardenConfig config) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-check");
            t.setDaemon(true);
            return t;
        });
        Path scratch = null;
        try {
            scratch = Files.createTempFile("warden-config-check", ".db");
            Config raw = ConfigFactory.parseMap(Map.of("warden.store.path", scratch.toString()))
                    .withFallback(config.raw());
            LogLevel.configured(raw);
            MetricsConfig.from(raw);
            Clock clock = Clock.systemUTC();
            new AuthModule(config.auth(), raw, new NoChecker(), (iq, t) -> CompletableFuture.failedFuture(
                    new IllegalStateException("not connected")), timers, clock).close();
            try (SqliteStore store = SqliteStore.open(scratch, clock)) {
                new RoomsModule(raw, store, clock, (iq, t) -> new CompletableFuture<>(), timers).close();
            }
            Set<JID> mucHosts = raw.getStringList("warden.muc.hosts").stream().map(String::strip).map(JID::new)
                    .collect(Collectors.toSet());
            BreakoutConfig.from(raw, mucHosts);
            return Optional.empty();
        } catch (ConfigException | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("cannot create a scratch file to check the rooms settings: " + e.getMessage());
        } finally {
            timers.shutdownNow();
            if (scratch != null) {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    try {
                        Files.deleteIfExists(Path.of(scratch + suffix));
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
    }

    private static final class NoChecker implements coop.warden.sasl.PasswordChecker {
        @Override
        public CompletableFuture<CheckResult> check(String username, byte[] password) {
            return CompletableFuture.completedFuture(new CheckResult.Unavailable("configuration check"));
        }

        @Override
        public void close() {
        }
    }
}
