// The stack's processes as /proc shows them: CPU time, resident memory, start time; found by their pid files.
package coop.warden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads /proc only (no agent in the measured processes). CPU is utime+stime in clock ticks
 * (USER_HZ, 100 on Linux), reported in milliseconds. saslauthd is its master and its forked
 * workers together; "client" is this JVM.
 */
final class Procs {
    static final List<String> DAEMONS = List.of("prosody", "warden", "saslauthd", "kdc");
    private static final long MS_PER_TICK = 10;

    private final Path base;

    Procs(Path base) {
        this.base = base;
    }

    /** Pid of a daemon from its pid file, or -1 when it is not running. */
    long pid(String daemon) {
        Path file = switch (daemon) {
            case "prosody" -> base.resolve("prosody/run/prosody.pid");
            case "warden" -> base.resolve("warden/run/warden.pid");
            case "saslauthd" -> base.resolve("saslauthd/mux/saslauthd.pid");
            case "kdc" -> base.resolve("krb5/krb5kdc.pid");
            default -> throw new IllegalArgumentException(daemon);
        };
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            return Files.exists(Path.of("/proc/" + pid)) ? pid : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Each daemon's pid (-1 if down): a run whose pids changed saw a restart and its CPU figures are void. */
    Map<String, Long> pids() {
        Map<String, Long> m = new LinkedHashMap<>();
        DAEMONS.forEach(d -> m.put(d, pid(d)));
        return m;
    }

    /** CPU milliseconds used so far by each daemon and by this JVM ("client"). */
    Map<String, Long> cpuMs() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String d : DAEMONS) {
            long pid = pid(d);
            long ticks = 0;
            for (long p : d.equals("saslauthd") ? withChildren(pid) : List.of(pid)) {
                ticks += ticks(Long.toString(p));
            }
            m.put(d, ticks * MS_PER_TICK);
        }
        m.put("client", ticks("self") * MS_PER_TICK);
        return m;
    }

    /** {@code after - before}, per process, divided by {@code per} (e.g. CPU ms per login). */
    static Map<String, Double> perOp(Map<String, Long> before, Map<String, Long> after, int per) {
        Map<String, Double> m = new LinkedHashMap<>();
        before.forEach((k, v) -> m.put(k, (after.getOrDefault(k, v) - v) / (double) Math.max(per, 1)));
        return m;
    }

    /** A line of /proc/PID/status in kB (VmRSS, VmHWM), or -1. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    /** When the process started, in epoch milliseconds (10 ms resolution). */
    static long startEpochMs(long pid) throws IOException {
        String[] f = statFields(Long.toString(pid));
        long startTicks = Long.parseLong(f[19]); // field 22 of stat; f[0] is field 3
        long bootSec = 0;
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("btime ")) {
                bootSec = Long.parseLong(line.substring(6).strip());
            }
        }
        return bootSec * 1000 + startTicks * MS_PER_TICK;
    }

    private static long ticks(String pid) {
        try {
            String[] f = statFields(pid);
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after "(comm)", starting with field 3 (state). */
    private static String[] statFields(String pid) throws IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    private static List<Long> withChildren(long parent) {
        List<Long> pids = new ArrayList<>();
        if (parent <= 0) {
            return pids;
        }
        pids.add(parent);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        try {
                            if (Long.parseLong(statFields(n)[1]) == parent) { // field 4: ppid
                                pids.add(Long.parseLong(n));
                            }
                        } catch (IOException | RuntimeException e) {
                            // exited meanwhile
                        }
                    });
        } catch (IOException e) {
            // /proc unreadable: the master alone
        }
        return pids;
    }
}
