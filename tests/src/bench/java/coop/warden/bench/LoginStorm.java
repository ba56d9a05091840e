// Login storm: N members log in at concurrency C through one virtual host; one JSON line per run.
package coop.warden.bench;

import coop.warden.bench.xmpp.RawXmpp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Like the reference method (stack-recipe.md §5): warm-up logins first (demo accounts, not
 * counted), then user001..userN, each a new TCP+TLS connection, closed after the measurement.
 * Per login it records when it started, the connect phase (TCP, stream, STARTTLS, TLS,
 * restart) and the login phase (SASL, restart, bind).
 */
final class LoginStorm {
    private static final int JIT_WARMUP_CONC = 16;
    private static final String[] WARMUP_USERS = {"alice", "bob", "carol", "dave", "erin", "admin1"};

    record Sample(double startMs, double connectMs, double loginMs, String error) {}

    static void run(Args a) throws Exception {
        BenchStack stack = new BenchStack(a.path("base", "/var/lib/warden-demo"));
        String domain = a.str("domain");
        int conc = a.integer("conc", 1);
        int n = a.integer("n", 200);
        int warmup = a.integer("warmup", 20);
        int jitWarmup = a.integer("jit-warmup", 0);
        Path out = a.path("out", "results/login.jsonl");

        // Wrong passwords for the measured members: each goes through Warden's whole backend path (hash,
        // libsasl2, saslauthd, KDC), so its JIT compiles it, yet leaves no cache entry behind (a failed
        // check evicts). The stack exempts 127.0.0.1 from the brute-force limits. Each refusal is held to
        // Warden's reject floor, so these run JIT_WARMUP_CONC at a time whatever the measured concurrency.
        storm(stack, domain, JIT_WARMUP_CONC, jitWarmup, i -> BenchStack.member(i % 200 + 1),
                u -> "not-" + u + "s-password");
        storm(stack, domain, conc, warmup, i -> WARMUP_USERS[i % WARMUP_USERS.length]);
        System.gc(); // the young generation (scripts/bench.sh) then holds the whole run without a pause
        Map<String, Long> pidsBefore = stack.procs.pids();
        Map<String, Long> cpuBefore = stack.procs.cpuMs();
        long t0 = System.nanoTime();
        List<Sample> samples = storm(stack, domain, conc, n, i -> BenchStack.member(i + 1));
        double wallS = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpu = Procs.perOp(cpuBefore, stack.procs.cpuMs(), n);

        List<Sample> ok = samples.stream().filter(s -> s.error == null).toList();
        double[] connect = ok.stream().mapToDouble(Sample::connectMs).toArray();
        double[] login = ok.stream().mapToDouble(Sample::loginMs).toArray();
        double[] total = ok.stream().mapToDouble(s -> s.connectMs + s.loginMs).toArray();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        samples.stream().filter(s -> s.error != null).forEach(s -> errors.merge(s.error, 1L, Long::sum));
        new Json().put("kind", "login").put("cell", a.str("cell")).put("domain", domain).put("conc", conc)
                .put("n", n).put("rep", a.integer("rep", 1)).put("fails", samples.size() - ok.size())
                .put("errors", errors).put("wall_s", wallS).put("logins_per_s", ok.size() / wallS)
                .put("connect_p50", Stats.percentile(connect, 50)).put("connect_p99", Stats.percentile(connect, 99))
                .put("login_p50", Stats.percentile(login, 50)).put("login_p99", Stats.percentile(login, 99))
                .put("total_p50", Stats.percentile(total, 50)).put("total_p99", Stats.percentile(total, 99))
                .put("cpu_ms_per_login", cpu).put("restarted", !pidsBefore.equals(stack.procs.pids()))
                .put("t_ms", ok.stream().map(Sample::startMs).toList())
                .put("connect_ms", ok.stream().map(Sample::connectMs).toList())
                .put("login_ms", ok.stream().map(Sample::loginMs).toList())
                .appendTo(out);
        System.out.printf("login %-7s %-16s conc %2d: %5.1f logins/s, login p50 %.1f ms p99 %.1f ms, %d failed,"
                        + " client CPU %.1f ms/login%n", a.str("cell"), domain, conc, ok.size() / wallS,
                Stats.percentile(login, 50), Stats.percentile(login, 99), samples.size() - ok.size(),
                cpu.get("client"));
    }

    interface Users {
        String name(int i);
    }

    interface Passwords {
        String of(String user);
    }

    /** {@code count} logins at concurrency {@code conc}; returns one sample per login, in completion order. */
    static List<Sample> storm(BenchStack stack, String domain, int conc, int count, Users users)
            throws InterruptedException {
        return storm(stack, domain, conc, count, users, BenchStack::password);
    }

    /** As above, with the password each user types. */
    static List<Sample> storm(BenchStack stack, String domain, int conc, int count, Users users, Passwords passwords)
            throws InterruptedException {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(conc);
        for (int w = 0; w < conc; w++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String user = users.name(i);
                    samples.add(once(stack, domain, user, passwords.of(user), t0));
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("login storm did not finish");
        }
        return samples;
    }

    static Sample once(BenchStack stack, String domain, String user, String password, long t0) {
        long start = System.nanoTime();
        RawXmpp c = null;
        try {
            c = stack.connect(domain);
            long connected = System.nanoTime();
            c.loginPlain(user, password, "bench");
            long done = System.nanoTime();
            return new Sample((start - t0) / 1e6, (connected - start) / 1e6, (done - connected) / 1e6, null);
        } catch (RawXmpp.AuthFailed e) {
            return new Sample((start - t0) / 1e6, 0, 0, e.condition());
        } catch (Exception e) {
            return new Sample((start - t0) / 1e6, 0, 0, e.getClass().getSimpleName());
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }
}
