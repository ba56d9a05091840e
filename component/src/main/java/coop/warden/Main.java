// Composition root: loads the configuration, wires every part, starts the component link.
package coop.warden;

import com.typesafe.config.ConfigException;
import coop.warden.adhoc.AdhocCommand;
import coop.warden.adhoc.AdhocHandler;
import coop.warden.adhoc.CapCommands;
import coop.warden.adhoc.RuleCommands;
import coop.warden.auth.AuthModule;
import coop.warden.breakout.BreakoutModule;
import coop.warden.config.LogLevel;
import coop.warden.metrics.Metrics;
import coop.warden.metrics.MetricsConfig;
import coop.warden.metrics.Monitoring;
import coop.warden.rooms.RoomsModule;
import coop.warden.store.SqliteMeetingStore;
import coop.warden.store.SqliteStore;
import coop.warden.store.StoreException;
import coop.warden.xmpp.DiscoHandler;
import java.util.ArrayList;
import java.util.List;
import coop.warden.config.WardenConfig;
import coop.warden.sasl.CyrusPasswordChecker;
import coop.warden.sasl.PasswordChecker;
import coop.warden.sasl.SaslConfig;
import coop.warden.sasl.SaslUnavailableException;
import coop.warden.xmpp.ComponentLink;
import coop.warden.xmpp.IqRouter;
import coop.warden.xmpp.PingHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Warden: {@code java -jar warden.jar --config /etc/warden/warden.conf}. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Path configFile = parseArgs(args);
        WardenConfig config;
        try {
            config = WardenConfig.load(configFile);
        } catch (RuntimeException e) {
            System.err.println("warden: configuration error in " + configFile + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Running running;
        try {
            running = start(config);
        } catch (StartupException e) {
            log.error("cannot start: {}", e.getMessage());
            System.err.println("warden: cannot start: " + e.getMessage());
            System.exit(3);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "warden-shutdown"));
        // Every worker thread is a daemon: the main thread is what keeps Warden running.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wires and starts everything; the returned handle stops it all. */
    static Running start(WardenConfig config) throws StartupException {
        long t0 = System.nanoTime();
        Metrics metrics = new Metrics();
        MetricsConfig metricsConfig;
        try {
            LogLevel.apply(config.raw(), System.getenv("WARDEN_LOG_LEVEL"));
            metricsConfig = MetricsConfig.from(config.raw());
        } catch (ConfigException e) {
            throw new StartupException("configuration: " + e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, named("warden-timer"));
        ThreadPoolExecutor iqPool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4096), named("warden-iq"), new ThreadPoolExecutor.AbortPolicy());

        PasswordChecker checker = openChecker(config);
        SqliteStore store;
        try {
            store = SqliteStore.open(config.raw(), clock);
        } catch (StoreException e) {
            checker.close();
            throw new StartupException("policy store " + e.getMessage());
        }
        String pingTarget = config.auth().hosts().stream().sorted().findFirst()
                .orElse(config.component().jid().substring(config.component().jid().indexOf('.') + 1));
        ComponentLink link = new ComponentLink(config.component(), pingTarget, timers);
        IqRouter router = new IqRouter(iqPool, link);
        AuthModule auth;
        try {
            auth = new AuthModule(config.auth(), config.raw(), checker, link, timers, clock, metrics.auth());
        } catch (ConfigException e) {
            store.close();
            checker.close();
            throw new StartupException("configuration: " + e.getMessage());
        }
        router.register(auth.handler());
        router.register(new PingHandler());
        RoomsModule rooms;
        try {
            rooms = new RoomsModule(config.raw(), store, clock, link, timers, metrics.joins());
        } catch (ConfigException e) {
            store.close();
            checker.close();
            throw new StartupException("configuration: " + e.getMessage());
        }
        rooms.handlers().forEach(router::register);
        BreakoutModule breakout;
        try {
            breakout = new BreakoutModule(config.raw(), rooms, new SqliteMeetingStore(store), clock, link, link, timers);
        } catch (ConfigException e) {
            rooms.close();
            store.close();
            checker.close();
            throw new StartupException("configuration: " + e.getMessage());
        }
        rooms.useGate(breakout.gate());
        breakout.handlers().forEach(router::register);
        List<AdhocCommand> commands = new ArrayList<>(CapCommands.all(rooms.admin()));
        commands.addAll(RuleCommands.all(rooms.rulesAdmin()));
        commands.addAll(breakout.commands());
        AdhocHandler adhoc = new AdhocHandler(rooms.admins(), commands, clock);
        router.register(adhoc);
        List<String> features = new ArrayList<>(List.of("urn:xmpp:ping"));
        features.addAll(breakout.features());
        new DiscoHandler("Warden", features, List.of(adhoc)).handlers().forEach(router::register);
        link.onUp(rooms::onLinkUp);
        link.onUp(breakout::onLinkUp);
        Monitoring monitoring = Monitoring.start(config, metricsConfig, metrics, link, rooms);
        link.onRequest(router::route);
        link.start();
        log.info("Warden started in {} ms: component {} -> {}:{}, auth hosts {}", (System.nanoTime() - t0) / 1_000_000,
                config.component().jid(), config.component().host(), config.component().port(), config.auth().hosts());
        return () -> {
            monitoring.close();
            link.close();
            breakout.close();
            rooms.close();
            auth.close();
            iqPool.shutdown();
            try {
                iqPool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timers.shutdown();
            checker.close();
            store.close();
        };
    }

    private static PasswordChecker openChecker(WardenConfig config) throws StartupException {
        var auth = config.auth();
        try {
            return CyrusPasswordChecker.start(new SaslConfig(auth.saslAppName(), auth.service(), auth.realm(),
                    auth.saslConfigPath(), auth.timeout(), auth.threads(), auth.queueCapacity()));
        } catch (SaslUnavailableException e) {
            throw new StartupException("Cyrus SASL: " + e.getMessage());
        }
    }

    private static Path parseArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (("--config".equals(args[i]) || "-c".equals(args[i])) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
        }
        if (args.length == 0) {
            return Path.of("/etc/warden/warden.conf");
        }
        System.err.println("usage: warden --config /etc/warden/warden.conf");
        System.exit(64);
        return null;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A started Warden; closing it stops everything. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /** A start-up failure with a message meant for the admin. */
    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }
}
