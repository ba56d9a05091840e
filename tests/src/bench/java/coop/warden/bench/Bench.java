// Entry point of the benchmark tools that scripts/bench.sh runs, one JVM per measured run.
package coop.warden.bench;

import coop.warden.bench.report.Report;
import java.util.Arrays;

/**
 * {@code java -cp ... coop.warden.bench.Bench TOOL --option value ...}. Each tool appends its
 * raw results as JSON lines under the results directory; {@code report} turns them into tables
 * and charts. See docs/performance.md for what each measures.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: Bench login|liveness|joins|rooms|process|kdc-proxy|cache-config|report --option value ...");
            System.exit(64);
        }
        Args a = new Args(Arrays.copyOfRange(argv, 1, argv.length));
        switch (argv[0]) {
            case "login" -> LoginStorm.run(a);
            case "liveness" -> Liveness.run(a);
            case "joins" -> Joins.run(a);
            case "rooms" -> RoomsFootprint.run(a);
            case "process" -> ProcessSample.run(a);
            case "kdc-proxy" -> KdcDelayProxy.run(a);
            case "cache-config" -> CacheConfig.run(a);
            case "report" -> Report.main(a.str("results"), a.str("cores", "?"), a.str("command", ""));
            default -> {
                System.err.println("unknown tool: " + argv[0]);
                System.exit(64);
            }
        }
        System.exit(0); // reader threads of open connections are daemons, but the pools may not be
    }
}
