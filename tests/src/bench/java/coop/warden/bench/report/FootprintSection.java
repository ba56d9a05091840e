// The footprint and decision-engine tables: Warden's process memory and start-up, the rooms harness, JMH.
package coop.warden.bench.report;

import static coop.warden.bench.report.Records.cell;
import static coop.warden.bench.report.Records.group;
import static coop.warden.bench.report.Records.str;

import coop.warden.bench.Stats;
import java.util.List;
import java.util.Map;

final class FootprintSection {
    private FootprintSection() {
    }

    @SuppressWarnings("unchecked")
    static void section(StringBuilder md, List<Map<String, Object>> process, List<Map<String, Object>> rooms,
                        List<Object> jmh) {
        if (!process.isEmpty()) {
            md.append("\n### Footprint of the Warden process (java -Xmx64m, as scripts/stackctl.sh starts it)\n\n"
                    + "| when | samples | RSS MB | peak RSS since start MB | heap used after GC MB | heap committed MB |"
                    + " start to `link state: CONNECTED` ms | wiring (Main) ms |\n|---|---|---|---|---|---|---|---|\n");
            group(process, r -> str(r, "phase")).forEach((phase, runs) -> md.append("| ").append(phase).append(" | ")
                    .append(runs.size()).append(" | ").append(cell(runs, "rss_mb", 1)).append(" | ")
                    .append(cell(runs, "peak_rss_mb", 1)).append(" | ").append(cell(runs, "heap_used_mb", 1))
                    .append(" | ").append(cell(runs, "heap_committed_mb", 1)).append(" | ")
                    .append(cell(runs, "startup_ms", 0)).append(" | ").append(cell(runs, "wiring_ms", 0))
                    .append(" |\n"));
        }
        if (!rooms.isEmpty()) {
            Map<String, Object> r0 = rooms.get(0);
            md.append("\n### Room bookkeeping in the heap (in-process harness, -Xmx64m)\n\n"
                    + "| rooms | occupants | runs | heap before MB | heap after MB (of max) | retained MB |"
                    + " bytes/occupant | IQs/s fed (1 thread) |\n|---|---|---|---|---|---|---|---|\n")
                    .append("| ").append(cell(rooms, "rooms", 0)).append(" | ").append(cell(rooms, "occupants", 0))
                    .append(" | ").append(rooms.size()).append(" | ").append(cell(rooms, "heap_before_mb", 1))
                    .append(" | ").append(cell(rooms, "heap_after_mb", 1)).append(" (")
                    .append(cell(List.of(r0), "max_heap_mb", 0)).append(") | ").append(cell(rooms, "retained_mb", 1))
                    .append(" | ").append(cell(rooms, "bytes_per_occupant", 0)).append(" | ")
                    .append(cell(rooms, "iqs_per_s", 0)).append(" |\n");
        }
        if (!jmh.isEmpty()) {
            md.append("\n### Decision engine alone (JMH, 1 thread, pinned to one core)\n\n"
                    + "| benchmark | forks | ops/s | µs/op |\n|---|---|---|---|\n");
            for (Object o : jmh) {
                Map<String, Object> b = (Map<String, Object>) o;
                String name = str(b, "benchmark");
                Object params = Records.get(b, "params");
                List<List<Number>> raw = (List<List<Number>>) Records.get(b, "primaryMetric.rawData");
                double[] forks = raw.stream().mapToDouble(f -> f.stream().mapToDouble(Number::doubleValue)
                        .average().orElse(Double.NaN)).toArray();
                boolean perOp = str(b, "primaryMetric.scoreUnit").endsWith("/op"); // AverageTime: µs/op
                Stats.Spread s = Stats.Spread.of(forks);
                Stats.Spread opsPerS = perOp ? Stats.Spread.of(java.util.Arrays.stream(forks).map(v -> 1e6 / v).toArray()) : s;
                Stats.Spread micros = perOp ? s : Stats.Spread.of(java.util.Arrays.stream(forks).map(v -> 1e6 / v).toArray());
                md.append("| ").append(name.substring(name.lastIndexOf('.') + 1))
                        .append(params == null ? "" : " " + params).append(" | ").append(forks.length)
                        .append(" | ").append(opsPerS.format(0)).append(" | ").append(micros.format(2)).append(" |\n");
            }
        }
    }
}
