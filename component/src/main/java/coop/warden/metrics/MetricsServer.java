// The loopback HTTP endpoint: GET /metrics (OpenMetrics text) and GET /health (200 or 503, JSON).
package coop.warden.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import coop.warden.health.Health;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDK's built-in HTTP server on one daemon thread; both answers are computed from memory, so one
 * thread is plenty. Anything but GET (or HEAD) of the two paths gets 404 or 405.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Starts serving, or returns null (after logging why) when disabled or when the address cannot
     * be bound: Warden's logins matter more than its metrics, so this never stops a start.
     */
    public static MetricsServer start(MetricsConfig config, MetricRegistry registry, Supplier<Health.Report> health) {
        if (!config.enabled()) {
            log.info("metrics endpoint disabled (warden.metrics.enabled = false)");
            return null;
        }
        HttpServer server;
        try {
            InetAddress address = InetAddress.getByName(config.host());
            if (!address.isLoopbackAddress()) {
                log.warn("metrics endpoint on {}, which is not a loopback address: anyone who can reach it sees"
                        + " login and room counts", config.host());
            }
            server = HttpServer.create(new InetSocketAddress(address, config.port()), 16);
        } catch (IOException | RuntimeException e) {
            log.error("metrics endpoint not started: cannot listen on {}:{} ({}); set warden.metrics.port to a free"
                    + " port or warden.metrics.enabled = false", config.host(), config.port(), e.getMessage());
            return null;
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/metrics", ex -> answer(ex, "/metrics", 200, MetricRegistry.CONTENT_TYPE,
                registry::scrape));
        server.createContext("/health", ex -> {
            Health.Report report = health.get();
            answer(ex, "/health", report.status(), "application/json", report::json);
        });
        server.createContext("/", ex -> answer(ex, "", 404, "text/plain; charset=utf-8",
                () -> "not found: try /metrics or /health\n"));
        server.start();
        log.info("metrics endpoint on http://{}:{}/metrics and /health", config.host(),
                server.getAddress().getPort());
        return new MetricsServer(server, thread);
    }

    /** The port actually bound (the configured one, or a free one when it says 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, String path, int status, String type, Supplier<String> body)
            throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!path.isEmpty() && !path.equals(ex.getRequestURI().getPath())) {
                status = 404;
                type = "text/plain; charset=utf-8";
                body = () -> "not found: try /metrics or /health\n";
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                status = 405;
                type = "text/plain; charset=utf-8";
                body = () -> "only GET\n";
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(method);
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
