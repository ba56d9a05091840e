// The joins tables: each scenario on Warden's MUC host and on the plain one, and Warden's difference.
package coop.warden.bench.report;

import static coop.warden.bench.report.Records.cell;
import static coop.warden.bench.report.Records.group;
import static coop.warden.bench.report.Records.num;
import static coop.warden.bench.report.Records.str;
import static coop.warden.bench.report.Records.sum;

import coop.warden.bench.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class JoinsSection {
    static final String WARDEN_HOST = "conference.coop.test";

    private JoinsSection() {
    }

    static void section(StringBuilder md, List<Map<String, Object>> rs) {
        if (rs.isEmpty()) {
            return;
        }
        md.append("\n### Joins\n\n| scenario | MUC host | runs (fails) | joins measured/run | joins/s |"
                + " join p50 / p90 / p99 ms | create p50 ms | leave p50 ms | CPU ms/join+leave prosody / warden |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        group(rs, r -> str(r, "scenario") + " " + str(r, "host")).forEach((k, runs) -> {
            Map<String, Object> r0 = runs.get(0);
            md.append("| ").append(describe(r0)).append(" | ").append(str(r0, "host")).append(" | ")
                    .append(runs.size()).append(" (").append(sum(runs, "fails")).append(") | ")
                    .append((int) num(r0, "joins")).append(" | ").append(cell(runs, "joins_per_s", 1)).append(" | ")
                    .append(cell(runs, "join_p50", 1)).append(" / ").append(cell(runs, "join_p90", 1)).append(" / ")
                    .append(cell(runs, "join_p99", 1)).append(" | ").append(cell(runs, "create_p50", 1)).append(" | ")
                    .append(cell(runs, "leave_p50", 1)).append(" | ")
                    .append(Report.cpu(runs, "cpu_ms_per_join", "prosody", "warden")).append(" |\n");
        });
        md.append("\nWarden's cost per join, paired by run (Warden's host minus the plain host, same run):\n\n"
                + "| scenario | runs | added join latency p50 ms | added p90 ms | added p99 ms |"
                + " throughput Warden / plain |\n|---|---|---|---|---|---|\n");
        group(rs, r -> str(r, "scenario")).forEach((scenario, runs) -> {
            List<Double> d50 = new ArrayList<>();
            List<Double> d90 = new ArrayList<>();
            List<Double> d99 = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            group(runs, r -> (int) num(r, "rep")).forEach((rep, pair) -> {
                Map<String, Object> w = pair.stream().filter(r -> str(r, "host").equals(WARDEN_HOST)).findFirst().orElse(null);
                Map<String, Object> p = pair.stream().filter(r -> !str(r, "host").equals(WARDEN_HOST)).findFirst().orElse(null);
                if (w != null && p != null) {
                    d50.add(num(w, "join_p50") - num(p, "join_p50"));
                    d90.add(num(w, "join_p90") - num(p, "join_p90"));
                    d99.add(num(w, "join_p99") - num(p, "join_p99"));
                    ratio.add(num(w, "joins_per_s") / num(p, "joins_per_s"));
                }
            });
            md.append("| ").append(describe(runs.get(0))).append(" | ").append(d50.size()).append(" | ")
                    .append(spread(d50).format(2)).append(" | ").append(spread(d90).format(2)).append(" | ")
                    .append(spread(d99).format(2)).append(" | ")
                    .append(spread(ratio).format(2)).append(" |\n");
        });
    }

    private static Stats.Spread spread(List<Double> v) {
        return Stats.Spread.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String describe(Map<String, Object> r) {
        return switch (str(r, "scenario")) {
            case "big" -> "one room, " + (int) num(r, "members") + " members join one by one";
            case "big-service" -> "one room, " + (int) num(r, "members")
                    + " sessions of the exempt service account join one by one (no rule applied)";
            case "paced" -> (int) num(r, "rooms") + " rooms of " + (int) num(r, "room_size") + ", joins offered at "
                    + (int) num(r, "rate") + "/s";
            case "paced-service" -> (int) num(r, "rooms") + " rooms of " + (int) num(r, "room_size")
                    + ", joins offered at " + (int) num(r, "rate") + "/s, exempt service account (no rule applied)";
            case "closed" -> (int) num(r, "rooms") + " rooms of " + (int) num(r, "room_size") + ", "
                    + (int) num(r, "conc") + " joins in flight";
            default -> str(r, "scenario");
        };
    }
}
