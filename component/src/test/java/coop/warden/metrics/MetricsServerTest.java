package coop.warden.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.health.Health;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final Metrics metrics = new Metrics();
    private final AtomicReference<Health.Report> health = new AtomicReference<>(new Health.Report(503, "{\"status\":\"down\"}"));
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private MetricsServer start() {
        server = MetricsServer.start(new MetricsConfig(true, "127.0.0.1", 0), metrics.registry(), health::get);
        assertThat(server).isNotNull();
        return server;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void metricsAreServedAsOpenMetricsText() throws Exception {
        start();
        metrics.auth().login("accepted", java.time.Duration.ofMillis(5));
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricRegistry.CONTENT_TYPE);
        assertThat(r.body()).contains("warden_logins_total{outcome=\"accepted\"} 1\n").endsWith("# EOF\n");
    }

    @Test
    void healthAnswersWithTheReportsStatusAndBody() throws Exception {
        start();
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"down\"}");
        health.set(new Health.Report(200, "{\"status\":\"up\"}"));
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(up.body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        start();
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void disabledMeansNoServer() {
        assertThat(MetricsServer.start(new MetricsConfig(false, "127.0.0.1", 0), metrics.registry(), health::get))
                .isNull();
    }

    @Test
    void aTakenPortLeavesWardenRunningWithoutTheEndpoint() {
        start();
        MetricsServer second = MetricsServer.start(new MetricsConfig(true, "127.0.0.1", server.port()),
                metrics.registry(), health::get);
        assertThat(second).isNull();
    }
}
