// Liveness under a slow backend: a connected member pings the server while others log in against a slow KDC.
package coop.warden.bench;

import coop.warden.bench.xmpp.RawXmpp;
import coop.warden.bench.xmpp.Stanza;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bystander (alice@coop.test, logged in while the backend is still fast) sends an XMPP ping
 * to the server, waits for the answer, pauses 20 ms and repeats, as in the reference
 * measurements. First {@code idle-s} seconds with no load; then the KDC is made slow and
 * {@code conc} workers log in through {@code domain} for {@code window-s} seconds. The round
 * trips show how long Prosody's event loop stalls for everyone else.
 */
final class Liveness {
    private record Ping(double tMs, double rttMs, boolean load) {}

    static void run(Args a) throws Exception {
        BenchStack stack = new BenchStack(a.path("base", "/var/lib/warden-demo"));
        String domain = a.str("domain");
        int conc = a.integer("conc", 4);
        long idleMs = (long) (a.decimal("idle-s", 5) * 1000);
        long windowMs = (long) (a.decimal("window-s", 10) * 1000);
        int delayMs = a.integer("delay-ms", 100);
        Path out = a.path("out", "results/liveness.jsonl");

        Pinger pinger = new Pinger(stack);
        System.gc(); // no collection of this JVM's own during the measurement (scripts/bench.sh sizes the heap)
        long t0 = System.nanoTime();
        pinger.start(t0);
        TimeUnit.MILLISECONDS.sleep(idleMs); // the pinger measures meanwhile; this thread only paces phases
        List<LoginStorm.Sample> logins = Collections.synchronizedList(new ArrayList<>());
        long windowStart;
        try (SlowBackend slow = new SlowBackend(stack.base, delayMs)) {
            pinger.load.set(true);
            windowStart = System.nanoTime();
            long deadline = windowStart + windowMs * 1_000_000;
            long windowStartFinal = windowStart;
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(conc);
            for (int w = 0; w < conc; w++) {
                pool.execute(() -> {
                    while (System.nanoTime() < deadline) {
                        String user = BenchStack.member(next.getAndIncrement() % 200 + 1);
                        logins.add(LoginStorm.once(stack, domain, user, BenchStack.password(user), windowStartFinal));
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
            pinger.load.set(false);
        }
        double windowS = (System.nanoTime() - windowStart) / 1e9;
        List<Ping> pings = pinger.stop();
        double[] idle = pings.stream().filter(p -> !p.load).mapToDouble(Ping::rttMs).toArray();
        double[] load = pings.stream().filter(p -> p.load).mapToDouble(Ping::rttMs).toArray();
        List<LoginStorm.Sample> ok = logins.stream().filter(s -> s.error() == null).toList();
        double[] login = ok.stream().mapToDouble(LoginStorm.Sample::loginMs).toArray();
        new Json().put("kind", "liveness").put("cell", a.str("cell")).put("domain", domain).put("conc", conc)
                .put("rep", a.integer("rep", 1)).put("delay_ms", delayMs).put("window_s", windowS)
                .put("idle_p50", Stats.percentile(idle, 50)).put("idle_p99", Stats.percentile(idle, 99))
                .put("idle_max", Stats.max(idle)).put("pings", load.length)
                .put("ping_p50", Stats.percentile(load, 50)).put("ping_p99", Stats.percentile(load, 99))
                .put("ping_max", Stats.max(load)).put("logins", ok.size()).put("fails", logins.size() - ok.size())
                .put("logins_per_s", ok.size() / windowS)
                .put("login_p50", Stats.percentile(login, 50)).put("login_p99", Stats.percentile(login, 99))
                .put("t_ms", pings.stream().map(Ping::tMs).toList())
                .put("rtt_ms", pings.stream().map(Ping::rttMs).toList())
                .put("window_start_ms", (windowStart - t0) / 1e6)
                .appendTo(out);
        System.out.printf("liveness %-7s %-16s: idle ping p99 %.1f ms; slow backend: ping p50 %.1f p99 %.1f max %.1f ms,"
                        + " %d logins (p50 %.0f ms), %d failed%n", a.str("cell"), domain, Stats.percentile(idle, 99),
                Stats.percentile(load, 50), Stats.percentile(load, 99), Stats.max(load), ok.size(),
                Stats.percentile(login, 50), logins.size() - ok.size());
    }

    /** The bystander's ping loop, on its own thread. */
    private static final class Pinger {
        final AtomicBoolean load = new AtomicBoolean();
        private final RawXmpp client;
        private final ConcurrentHashMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        private final List<Ping> pings = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private Thread thread;

        Pinger(BenchStack stack) throws Exception {
            client = stack.connect("coop.test");
            client.loginPlain("alice", BenchStack.password("alice"), "bystander");
            client.listen(this::received, e -> waiting.values().forEach(f -> f.completeExceptionally(e)));
        }

        private void received(Stanza s) {
            String id = s.attr("id");
            CompletableFuture<Long> f = id == null ? null : waiting.remove(id);
            if (f != null) {
                f.complete(System.nanoTime());
            }
        }

        void start(long t0) {
            thread = new Thread(() -> loop(t0), "bystander");
            thread.start();
        }

        private void loop(long t0) {
            int n = 0;
            try {
                while (running) {
                    String id = "ping" + n++;
                    CompletableFuture<Long> answer = new CompletableFuture<>();
                    waiting.put(id, answer);
                    boolean underLoad = load.get();
                    long sent = System.nanoTime();
                    client.write("<iq type='get' id='" + id + "' to='coop.test'><ping xmlns='urn:xmpp:ping'/></iq>");
                    long got = answer.get(60, TimeUnit.SECONDS);
                    pings.add(new Ping((sent - t0) / 1e6, (got - sent) / 1e6, underLoad || load.get()));
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            } catch (Exception e) {
                System.err.println("bystander stopped: " + e);
            }
        }

        List<Ping> stop() throws InterruptedException {
            running = false;
            thread.join();
            client.close();
            return List.copyOf(pings);
        }
    }
}
