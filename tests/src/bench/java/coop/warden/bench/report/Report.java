// Turns a results directory into summary.md (median [min–max] over runs) and the PNG charts.
package coop.warden.bench.report;

import static coop.warden.bench.report.Records.cell;
import static coop.warden.bench.report.Records.group;
import static coop.warden.bench.report.Records.num;
import static coop.warden.bench.report.Records.str;
import static coop.warden.bench.report.Records.sum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code Bench report --results DIR --cores N --command "..."}; prints the summary too. */
public final class Report {
    static final Map<String, String> PATHS = Map.of("warden-cold", "Warden, cache cold (just restarted)",
            "warden-warm", "Warden, cache warm (2nd pass)", "warden-kdc",
            "Warden, cache cold, JVM warmed up", "cyrus", "mod_auth_cyrus", "warden", "Warden (mod_auth_warden)");

    private Report() {
    }

    public static void main(String results, String cores, String command) throws IOException {
        Path dir = Path.of(results);
        StringBuilder md = new StringBuilder();
        md.append("Results in `").append(dir.getFileName()).append("`; ").append(cores).append(" cores; command: `")
                .append(command).append("`. Each cell: median [min–max] over runs; percentiles are nearest-rank.\n");
        Path meta = dir.resolve("meta.md");
        if (Files.exists(meta)) {
            md.append('\n').append(Files.readString(meta).strip()).append('\n');
        }
        logins(md, Records.read(dir.resolve("login.jsonl")), dir);
        LivenessSection.section(md, Records.read(dir.resolve("liveness.jsonl")), dir);
        JoinsSection.section(md, Records.read(dir.resolve("joins.jsonl")));
        FootprintSection.section(md, Records.read(dir.resolve("process.jsonl")), Records.read(dir.resolve("rooms.jsonl")),
                Records.readArray(dir.resolve("jmh.json")));
        Files.writeString(dir.resolve("summary.md"), md);
        System.out.println(md);
    }

    private static void logins(StringBuilder md, List<Map<String, Object>> rs, Path dir) throws IOException {
        if (rs.isEmpty()) {
            return;
        }
        md.append("\n### Login storm\n\n| auth path | conc | runs (fails) | logins/s | connect p50 / p99 ms |"
                + " login phase p50 / p99 ms | connect+login p50 / p99 ms |"
                + " CPU ms/login prosody / warden / saslauthd / krb5kdc / load generator |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        var cells = group(rs, r -> (int) num(r, "conc") + " " + str(r, "cell"));
        cells.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, List<Map<String, Object>>> e)
                        -> (int) num(e.getValue().get(0), "conc")).thenComparing(e -> order(str(e.getValue().get(0), "cell"))))
                .forEach(e -> {
                    var runs = e.getValue();
                    Map<String, Object> r0 = runs.get(0);
                    md.append("| ").append(PATHS.getOrDefault(str(r0, "cell"), str(r0, "cell"))).append(" (")
                            .append(str(r0, "domain")).append(") | ").append((int) num(r0, "conc")).append(" | ")
                            .append(runs.size()).append(" (").append(sum(runs, "fails")).append(") | ")
                            .append(cell(runs, "logins_per_s", 1)).append(" | ")
                            .append(pair(runs, "connect_p50", "connect_p99")).append(" | ")
                            .append(pair(runs, "login_p50", "login_p99")).append(" | ")
                            .append(pair(runs, "total_p50", "total_p99")).append(" | ")
                            .append(cpu(runs, "cpu_ms_per_login", "prosody", "warden", "saslauthd", "kdc", "client"))
                            .append(" |\n");
                });
        if (rs.stream().anyMatch(r -> Boolean.TRUE.equals(Records.get(r, "restarted")))) {
            md.append("\nA daemon restarted during some run (its CPU figures are void): ")
                    .append(rs.stream().filter(r -> Boolean.TRUE.equals(Records.get(r, "restarted")))
                            .map(r -> str(r, "cell") + " conc " + (int) num(r, "conc") + " rep " + (int) num(r, "rep"))
                            .toList()).append('\n');
        }
        int top = rs.stream().mapToInt(r -> (int) num(r, "conc")).max().orElse(1);
        Chart chart = new Chart("Login phase (SASL + bind) latency during the storm, concurrency " + top
                + " (median run of each path)", "seconds since the storm began", "login phase, ms", true);
        group(rs.stream().filter(r -> num(r, "conc") == top).toList(), r -> str(r, "cell")).forEach((c, runs) -> {
            Map<String, Object> run = Records.medianRun(runs, "logins_per_s");
            double[] t = Records.nums(run, "t_ms");
            for (int i = 0; i < t.length; i++) {
                t[i] /= 1000;
            }
            chart.add(PATHS.getOrDefault(c, c), t, Records.nums(run, "login_ms"));
        });
        String png = "storm-login-latency.png";
        chart.write(dir.resolve(png));
        md.append("\n![").append("login latency over time").append("](").append(png).append(")\n");
    }

    private static int order(String cell) {
        return List.of("warden-cold", "warden-warm", "warden-kdc", "cyrus").indexOf(cell);
    }

    static String pair(List<Map<String, Object>> runs, String a, String b) {
        return cell(runs, a, 1) + " / " + cell(runs, b, 1);
    }

    static String cpu(List<Map<String, Object>> runs, String prefix, String... procs) {
        StringBuilder sb = new StringBuilder();
        for (String p : procs) {
            sb.append(sb.length() == 0 ? "" : " / ").append(cell(runs, prefix + "." + p, 1));
        }
        return sb.toString();
    }
}
