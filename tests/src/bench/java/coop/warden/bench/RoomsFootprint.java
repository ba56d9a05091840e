// Heap held by Warden's room bookkeeping with many rooms and occupants, measured in-process after full GCs.
package coop.warden.bench;

import java.lang.management.ManagementFactory;

/**
 * Feeds {@code rooms} rooms of {@code per-room} occupants each (distinct members, as many
 * sessions as seats) through {@link RoomsHarness}, and reports the heap retained after a full GC
 * compared with before. scripts/bench.sh runs it with Warden's own {@code -Xmx64m}, so finishing
 * at all shows the bookkeeping fits in Warden's heap.
 */
final class RoomsFootprint {
    static void run(Args a) throws Exception {
        int rooms = a.integer("rooms", 10_000);
        int perRoom = a.integer("per-room", 5);
        try (RoomsHarness h = new RoomsHarness("null")) {
            h.handle(RoomsHarness.request("create", RoomsHarness.room(-1), "warmup@coop.test/x", null));
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            int refused = 0;
            for (int r = 0; r < rooms; r++) {
                String room = RoomsHarness.room(r);
                h.handle(RoomsHarness.request("create", room, "m" + (r * perRoom) + "@coop.test/web", null));
                for (int o = 0; o < perRoom; o++) {
                    if (!h.arrive(room, "m" + (r * perRoom + o) + "@coop.test/web", room + "/n" + o)) {
                        refused++;
                    }
                }
            }
            double feedS = (System.nanoTime() - t0) / 1e9;
            long after = usedAfterGc();
            int occupants = rooms * perRoom - refused;
            new Json().put("kind", "rooms").put("rep", a.integer("rep", 1)).put("rooms", rooms)
                    .put("occupants", occupants).put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0)
                    .put("heap_before_mb", before / 1048576.0).put("heap_after_mb", after / 1048576.0)
                    .put("retained_mb", (after - before) / 1048576.0)
                    .put("bytes_per_occupant", (after - before) / (double) Math.max(occupants, 1))
                    .put("iqs_per_s", (rooms * (1 + 2.0 * perRoom)) / feedS)
                    .appendTo(a.path("out", "results/rooms.jsonl"));
            System.out.printf("rooms: %d rooms, %d occupants: heap %.1f MB -> %.1f MB after GC (%.0f bytes/occupant),"
                            + " max heap %.0f MB, %.0f IQs/s on one thread%n", rooms, occupants, before / 1048576.0,
                    after / 1048576.0, (after - before) / (double) Math.max(occupants, 1),
                    Runtime.getRuntime().maxMemory() / 1048576.0, rooms * (1 + 2.0 * perRoom) / feedS);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
