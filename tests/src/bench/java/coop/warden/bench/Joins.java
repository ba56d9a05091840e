// Joins: members joining and leaving rooms through Warden's MUC policy and through a plain Prosody MUC host.
package coop.warden.bench;

import coop.warden.bench.xmpp.Stanza;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * M members log in once (not timed). Then, on each MUC host in turn (the order alternates
 * between repetitions), three scenarios:
 * <ul>
 * <li>{@code big}: one fresh room; member 1 creates it, the others join one after another
 *     (closed loop, concurrency 1, as in the reference), then all leave;</li>
 * <li>{@code paced}: rooms of {@code room-size}; owners create them, then the others join at a
 *     fixed rate ({@code rate}/s, open loop: a slow server does not slow the offered load) and
 *     leave at the same rate, for {@code rounds} rounds;</li>
 * <li>{@code closed}: the same rooms, joins and leaves as fast as {@code conc} in flight allow;</li>
 * <li>{@code big-service}, {@code paced-service}: as {@code big} and {@code paced}, but every seat is
 *     a session of the exempt service account focus@coop.test, to which Warden applies no moderator
 *     rule: this separates the cost of asking Warden from the cost of the affiliation changes its
 *     rules make (every member owns a room under the default rule set).</li>
 * </ul>
 * A join's latency runs from sending the presence to receiving the member's own presence back.
 */
final class Joins {
    private record Op(Member member, String room) {}

    /** Latencies (ms) of the successful operations, and what the others failed with. */
    private record Outcome(List<Double> ms, List<String> errors, double wallS) {}

    static void run(Args a) throws Exception {
        BenchStack stack = new BenchStack(a.path("base", "/var/lib/warden-demo"));
        int m = a.integer("members", 100);
        int rep = a.integer("rep", 1);
        List<String> hosts = new ArrayList<>(a.list("hosts", "conference.coop.test,plain.coop.test"));
        if (rep % 2 == 0) {
            Collections.reverse(hosts);
        }
        List<String> scenarios = a.list("scenarios", "big,big-service,paced,paced-service,closed");
        List<Member> members = new ArrayList<>();
        List<Member> service = new ArrayList<>();
        try {
            for (int i = 1; i <= m; i++) {
                String user = BenchStack.member(i);
                members.add(Member.login(stack, user, "bench", user));
            }
            if (scenarios.stream().anyMatch(sc -> sc.endsWith("-service"))) {
                // The exempt service account (warden.muc.exempt), one session per seat: Warden decides
                // its joins but applies no moderator rule, so no affiliation change follows.
                for (int i = 1; i <= m; i++) {
                    service.add(Member.login(stack, "focus", "b" + i, "focus" + i));
                }
            }
            for (String scenario : scenarios) {
                for (String host : hosts) {
                    scenario(a, stack, scenario.endsWith("-service") ? service : members, scenario, host);
                }
            }
        } finally {
            members.forEach(Member::close);
            service.forEach(Member::close);
        }
    }

    private static void scenario(Args a, BenchStack stack, List<Member> members, String scenario, String host)
            throws Exception {
        boolean big = scenario.startsWith("big");
        int size = big ? members.size() : a.integer("room-size", 5);
        int rounds = big ? 1 : a.integer("rounds", 5);
        String tag = "bench-" + scenario + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        List<String> rooms = new ArrayList<>();
        List<Op> owners = new ArrayList<>();
        List<Op> joiners = new ArrayList<>();
        for (int r = 0; r < members.size() / size; r++) {
            rooms.add(tag + "-" + r + "@" + host);
        }
        for (int k = 0; k < size; k++) { // interleaved across rooms: room 0, 1, 2, ... then their 2nd member ...
            for (int r = 0; r < rooms.size(); r++) {
                (k == 0 ? owners : joiners).add(new Op(members.get(r * size + k), rooms.get(r)));
            }
        }
        System.gc(); // the load generator's young generation is sized to need no collection during a scenario
        Outcome create = create(owners);
        double rate = scenario.startsWith("paced") ? a.decimal("rate", 100) : 0;
        int conc = scenario.equals("closed") ? a.integer("conc", 8) : 1;
        List<Double> joinMs = new ArrayList<>();
        List<Double> leaveMs = new ArrayList<>();
        List<String> errors = new ArrayList<>(create.errors);
        double joinWall = 0;
        Map<String, Long> cpuBefore = stack.procs.cpuMs();
        for (int round = 0; round < rounds; round++) {
            Outcome in = drive(joiners, true, rate, conc);
            Outcome out = drive(joiners, false, rate, conc);
            joinMs.addAll(in.ms);
            leaveMs.addAll(out.ms);
            errors.addAll(in.errors);
            errors.addAll(out.errors);
            joinWall += in.wallS;
        }
        Map<String, Double> cpu = Procs.perOp(cpuBefore, stack.procs.cpuMs(), joinMs.size());
        drive(owners, false, 0, 8);
        new Json().put("kind", "joins").put("scenario", scenario).put("host", host).put("rep", a.integer("rep", 1))
                .put("members", members.size()).put("room_size", size).put("rooms", rooms.size())
                .put("rate", rate).put("conc", conc).put("joins", joinMs.size()).put("fails", errors.size())
                .put("errors", errors.stream().distinct().limit(5).toList())
                .put("joins_per_s", joinMs.size() / joinWall)
                .put("join_p50", Stats.percentile(joinMs, 50)).put("join_p90", Stats.percentile(joinMs, 90))
                .put("join_p99", Stats.percentile(joinMs, 99))
                .put("create_p50", Stats.percentile(create.ms, 50)).put("create_p99", Stats.percentile(create.ms, 99))
                .put("leave_p50", Stats.percentile(leaveMs, 50)).put("leave_p99", Stats.percentile(leaveMs, 99))
                .put("cpu_ms_per_join", cpu).put("join_ms", joinMs)
                .appendTo(a.path("out", "results/joins.jsonl"));
        System.out.printf("joins %-6s %-21s: %4d joins, %6.1f joins/s, join p50 %.1f p99 %.1f ms, create p50 %.1f ms,"
                        + " %d failed%n", scenario, host, joinMs.size(), joinMs.size() / joinWall,
                Stats.percentile(joinMs, 50), Stats.percentile(joinMs, 99), Stats.percentile(create.ms, 50),
                errors.size());
    }

    /** Owners create their rooms one at a time: join (status 201 = created), then unlock it. */
    private static Outcome create(List<Op> owners) {
        List<Double> ms = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Op o : owners) {
            long start = System.nanoTime();
            try {
                Stanza self = o.member.join(o.room).get(30, TimeUnit.SECONDS);
                if ("error".equals(self.attr("type"))) {
                    errors.add("create: " + self.condition());
                    continue;
                }
                if (self.hasStatus(201)) {
                    o.member.makeInstant(o.room).get(30, TimeUnit.SECONDS);
                }
                ms.add((System.nanoTime() - start) / 1e6);
            } catch (Exception e) {
                errors.add("create: " + e.getClass().getSimpleName());
            }
        }
        return new Outcome(ms, errors, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Joins (or leaves) every op once: at {@code rate} per second when rate &gt; 0 (open loop),
     * else with at most {@code conc} in flight. Waits for all answers.
     */
    private static Outcome drive(List<Op> ops, boolean join, double rate, int conc) throws InterruptedException {
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> all = new ArrayList<>();
        Semaphore inFlight = new Semaphore(conc); // taken only when rate == 0 (closed loop)
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.nanoTime();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            if (rate <= 0) {
                done.whenComplete((v, e) -> inFlight.release());
            }
            Runnable send = () -> {
                long start = System.nanoTime();
                try {
                    (join ? op.member.join(op.room) : op.member.leave(op.room))
                            .orTimeout(30, TimeUnit.SECONDS)
                            .whenComplete((s, e) -> {
                                if (e == null && !"error".equals(s.attr("type"))) {
                                    ms.add((System.nanoTime() - start) / 1e6);
                                } else {
                                    errors.add((join ? "join: " : "leave: ") + (e == null ? s.condition() : e));
                                }
                                done.complete(null);
                            });
                } catch (Exception e) {
                    errors.add(e.toString());
                    done.complete(null);
                }
            };
            if (rate > 0) {
                pacer.schedule(send, (long) (i * 1e9 / rate), TimeUnit.NANOSECONDS);
            } else {
                inFlight.acquire();
                send.run();
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        pacer.shutdown();
        return new Outcome(List.copyOf(ms), List.copyOf(errors), (System.nanoTime() - t0) / 1e9);
    }
}
