// Footprint of the running Warden process: resident memory, heap after a GC, and start-up time to CONNECTED.
package coop.warden.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads /proc/PID/status (VmRSS now, VmHWM the peak since start) and asks the JVM itself through
 * {@code jcmd PID GC.run} and {@code GC.heap_info} (no JMX, nothing added to Warden). With
 * {@code --log-offset} (the size of warden.log before a restart) it also reports the start-up
 * time: from the process's start (/proc, 10 ms ticks) to its "link state: CONNECTED" line.
 */
final class ProcessSample {
    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern STARTED = Pattern.compile("Warden started in (\\d+) ms");

    static void run(Args a) throws Exception {
        Path base = a.path("base", "/var/lib/warden-demo");
        long pid = new Procs(base).pid("warden");
        if (pid < 0) {
            throw new IllegalStateException("warden is not running");
        }
        Json j = new Json().put("kind", "process").put("phase", a.str("phase")).put("rep", a.integer("rep", 1))
                .put("rss_mb", Procs.statusKb(pid, "VmRSS") / 1024.0)
                .put("peak_rss_mb", Procs.statusKb(pid, "VmHWM") / 1024.0);
        if (Boolean.parseBoolean(a.str("gc", "true"))) {
            jcmd(pid, "GC.run");
        }
        Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
        if (heap.find()) {
            j.put("heap_committed_mb", Long.parseLong(heap.group(1)) / 1024.0)
                    .put("heap_used_mb", Long.parseLong(heap.group(2)) / 1024.0);
        }
        long offset = a.integer("log-offset", -1);
        if (offset >= 0) {
            String log = tail(base.resolve("warden/log/warden.log"), offset);
            String connected = log.lines().filter(l -> l.contains("link state: CONNECTED")).findFirst().orElse(null);
            if (connected != null) {
                long at = OffsetDateTime.parse(connected.substring(0, connected.indexOf(' '))).toInstant().toEpochMilli();
                j.put("startup_ms", at - Procs.startEpochMs(pid));
            }
            Matcher wiring = STARTED.matcher(log);
            if (wiring.find()) {
                j.put("wiring_ms", Long.parseLong(wiring.group(1)));
            }
        }
        j.appendTo(a.path("out", "results/process.jsonl"));
        System.out.println("warden process " + a.str("phase") + ": " + j);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    private static String tail(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (offset > len) {
                offset = 0; // the log was rotated or truncated meanwhile
            }
            byte[] b = new byte[(int) Math.min(len - offset, 4_000_000)];
            f.seek(offset);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
