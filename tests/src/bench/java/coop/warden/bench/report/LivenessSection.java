// The liveness table and chart: a bystander's ping round trips while logins run against a slow backend.
package coop.warden.bench.report;

import static coop.warden.bench.report.Records.cell;
import static coop.warden.bench.report.Records.group;
import static coop.warden.bench.report.Records.num;
import static coop.warden.bench.report.Records.str;
import static coop.warden.bench.report.Records.sum;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

final class LivenessSection {
    private LivenessSection() {
    }

    static void section(StringBuilder md, List<Map<String, Object>> rs, Path dir) throws IOException {
        if (rs.isEmpty()) {
            return;
        }
        Map<String, Object> first = rs.get(0);
        md.append("\n### Liveness under a slow backend (every KDC request delayed ")
                .append((int) num(first, "delay_ms")).append(" ms; ").append((int) num(first, "conc"))
                .append(" login workers for ").append(String.format("%.0f", num(first, "window_s")))
                .append(" s)\n\n| auth path of the logins | runs (login fails) | bystander ping idle p50 / p99 ms |"
                        + " ping under slow backend p50 / p99 / max ms | pings | logins/s | login phase p50 / p99 ms |\n")
                .append("|---|---|---|---|---|---|---|\n");
        Chart chart = new Chart("Bystander ping round trip; shaded: logins against a slow KDC (median run of each path)",
                "seconds since the bystander started", "ping round trip, ms", true);
        group(rs, r -> str(r, "cell")).forEach((c, runs) -> {
            md.append("| ").append(Report.PATHS.getOrDefault(c, c)).append(" (").append(str(runs.get(0), "domain"))
                    .append(") | ").append(runs.size()).append(" (").append(sum(runs, "fails")).append(") | ")
                    .append(Report.pair(runs, "idle_p50", "idle_p99")).append(" | ")
                    .append(Report.pair(runs, "ping_p50", "ping_p99")).append(" / ").append(cell(runs, "ping_max", 1))
                    .append(" | ").append(cell(runs, "pings", 0)).append(" | ").append(cell(runs, "logins_per_s", 1))
                    .append(" | ").append(Report.pair(runs, "login_p50", "login_p99")).append(" |\n");
            Map<String, Object> run = Records.medianRun(runs, "ping_p99");
            double[] t = Records.nums(run, "t_ms");
            for (int i = 0; i < t.length; i++) {
                t[i] /= 1000;
            }
            chart.add(Report.PATHS.getOrDefault(c, c), t, Records.nums(run, "rtt_ms"));
            double from = num(run, "window_start_ms") / 1000;
            chart.shade(from, from + num(run, "window_s"), "slow KDC, logins running");
        });
        String png = "liveness-ping.png";
        chart.write(dir.resolve(png));
        md.append("\n![bystander ping over time](").append(png).append(")\n");
    }
}
