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
import coop.warden.config.WardenConfig;
import coop.warden.sasl.CyrusPasswordChecker;
import coop.warden.sasl.PasswordChecker;
import coop.warden.sasl.SaslConfig;
import coop.warden.sasl.SaslUnavailableException;
import coop.warden.xmpp.ComponentLink;
import coop.warden.xmpp.IqRouter;
import coop.warden.xmpp.PingHandler;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
        // Everything opened so far, closed in reverse order if a later part cannot start.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return wire(config, opened);
        } catch (ConfigException e) {
            closeAll(opened);
            throw new StartupException("configuration: " + e.getMessage());
        } catch (StoreException e) {
            closeAll(opened);
            throw new StartupException("policy store " + e.getMessage());
        } catch (StartupException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static Running wire(WardenConfig config, Deque<AutoCloseable> opened) throws StartupException {
        long t0 = System.nanoTime();
        LogLevel.apply(config.raw(), System.getenv("WARDEN_LOG_LEVEL"));
        MetricsConfig metricsConfig = MetricsConfig.from(config.raw());
        Metrics metrics = new Metrics();
        Clock clock = Clock.systemUTC();
        // The store and the checker close last: work still draining from the pools may use them.
        PasswordChecker checker = push(opened, openChecker(config));
        SqliteStore store = push(opened, SqliteStore.open(config.raw(), clock));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, named("warden-timer"));
        opened.push(timers::shutdown);
        ThreadPoolExecutor iqPool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4096), named("warden-iq"), new ThreadPoolExecutor.AbortPolicy());
        opened.push(() -> {
            iqPool.shutdown();
            iqPool.awaitTermination(5, TimeUnit.SECONDS);
        });

        String pingTarget = config.auth().hosts().stream().sorted().findFirst()
                .orElse(config.component().jid().substring(config.component().jid().indexOf('.') + 1));
        ComponentLink link = new ComponentLink(config.component(), pingTarget, timers);
        IqRouter router = new IqRouter(iqPool, link);
        AuthModule auth = push(opened,
                new AuthModule(config.auth(), config.raw(), checker, link, timers, clock, metrics.auth()));
        router.register(auth.handler());
        router.register(new PingHandler());
        RoomsModule rooms = push(opened, new RoomsModule(config.raw(), store, clock, link, timers, metrics.joins()));
        rooms.handlers().forEach(router::register);
        BreakoutModule breakout = push(opened,
                new BreakoutModule(config.raw(), rooms, new SqliteMeetingStore(store), clock, link, link, timers));
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
        push(opened, link);
        push(opened, Monitoring.start(config, metricsConfig, metrics, link, rooms));
        link.onRequest(router::route);
        link.start();
        log.info("Warden started in {} ms: component {} -> {}:{}, auth hosts {}", (System.nanoTime() - t0) / 1_000_000,
                config.component().jid(), config.component().host(), config.component().port(), config.auth().hosts());
        return () -> closeAll(opened);
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes in reverse order of opening; one part failing to close does not stop the others. */
    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
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
