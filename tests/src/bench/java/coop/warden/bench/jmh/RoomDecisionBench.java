// JMH: Warden's join decision and cap bookkeeping alone, on one thread, without network or Prosody.
package coop.warden.bench.jmh;

import coop.warden.bench.RoomsHarness;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xmpp.packet.IQ;

/**
 * 1,000 rooms with a cap of 10 hold 4 members each; 100 more are full. {@code visit} is one
 * member's whole stay as the MUC host reports it: the join decision (admitted), {@code joined},
 * {@code left}, so the ledger ends each op as it began. {@code refusedFull} is a join decision
 * that refuses (room full) and changes nothing. Requests are built once in setup: Whack's XML
 * parsing is not part of the score, the handler's attribute and JID parsing is.
 * Run on one core: {@code taskset -c 1 java -cp ... org.openjdk.jmh.Main RoomDecisionBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx64m", "-DWARDEN_LOG_LEVEL=WARN"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoomDecisionBench {
    private static final int ROOMS = 1_000;
    private static final int FULL_ROOMS = 100;
    private static final int CAP = 10;

    private RoomsHarness harness;
    private IQ[] join;
    private IQ[] joined;
    private IQ[] left;
    private IQ[] joinFull;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        harness = new RoomsHarness(Integer.toString(CAP));
        join = new IQ[ROOMS];
        joined = new IQ[ROOMS];
        left = new IQ[ROOMS];
        for (int r = 0; r < ROOMS; r++) {
            String room = "room" + r + "@" + RoomsHarness.MUC;
            fill(room, 4);
            String visitor = "visitor" + r + "@coop.test/web";
            join[r] = RoomsHarness.request("join", room, visitor, room + "/visitor");
            joined[r] = RoomsHarness.request("joined", room, visitor, room + "/visitor");
            left[r] = RoomsHarness.request("left", room, visitor, room + "/visitor");
        }
        joinFull = new IQ[FULL_ROOMS];
        for (int r = 0; r < FULL_ROOMS; r++) {
            String room = "full" + r + "@" + RoomsHarness.MUC;
            fill(room, CAP);
            joinFull[r] = RoomsHarness.request("join", room, "late" + r + "@coop.test/web", room + "/late");
        }
        if (harness.handle(joinFull[0]) || !harness.handle(join[0])) {
            throw new IllegalStateException("set-up is wrong: the full room admitted, or the open room refused");
        }
        harness.handle(left[0]);
    }

    private void fill(String room, int occupants) {
        harness.handle(RoomsHarness.request("create", room, "m0." + room + "/web", null));
        for (int o = 0; o < occupants; o++) {
            if (!harness.arrive(room, "m" + o + "." + room.replace('@', '.') + "@coop.test/web", room + "/m" + o)) {
                throw new IllegalStateException("set-up refused a member of " + room);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        harness.close();
    }

    @Benchmark
    public boolean visit() {
        int r = next;
        next = (next + 1) % ROOMS;
        boolean admitted = harness.handle(join[r]);
        harness.handle(joined[r]);
        harness.handle(left[r]);
        return admitted;
    }

    @Benchmark
    public boolean refusedFull() {
        next = (next + 1) % FULL_ROOMS;
        return harness.handle(joinFull[next]);
    }
}
