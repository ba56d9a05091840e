// Runs blocking native checks on a bounded pool and answers every check by its deadline.
package coop.warden.sasl;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libsasl2's saslauthd client has no read timeout, so a hung saslauthd holds the calling thread
 * forever. Checks therefore run on {@code threads} daemon threads behind a queue of
 * {@code queueCapacity}; a scheduler completes each future at its deadline even while its native
 * call is still stuck, and a stuck thread simply stays busy until the call returns. A check that
 * finds no thread and no queue slot is answered "busy" at once.
 */
final class CheckExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckExecutor.class);

    private final NativeCheck nativeCheck;
    private final long timeoutMillis;
    private final int threads;
    private final int queueCapacity;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Set<Task> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    CheckExecutor(NativeCheck nativeCheck, Duration timeout, int threads, int queueCapacity) {
        this.nativeCheck = nativeCheck;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        BlockingQueue<Runnable> queue = queueCapacity == 0
                ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue,
                daemonThreads("warden-sasl-check-"), new ThreadPoolExecutor.AbortPolicy());
        this.deadlines = new ScheduledThreadPoolExecutor(1, daemonThreads("warden-sasl-deadline-"));
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Schedules one check. Takes ownership of {@code password} and wipes it when done.
     *
     * @param username for logs only; already validated
     */
    CompletableFuture<CheckResult> submit(String username, byte[] usernameUtf8, byte[] password) {
        Task task = new Task(username, usernameUtf8, password);
        if (closed) {
            task.wipe();
            return CompletableFuture.completedFuture(new CheckResult.Unavailable("checker is closed"));
        }
        pending.add(task);
        task.future.whenComplete((r, e) -> {
            pending.remove(task);
            ScheduledFuture<?> d = task.deadline;
            if (d != null) {
                d.cancel(false);
            }
        });
        try {
            task.deadline = deadlines.schedule(() -> onDeadline(task), timeoutMillis, TimeUnit.MILLISECONDS);
            if (task.future.isDone()) {
                task.deadline.cancel(false); // completed before the handle was stored
            }
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            task.wipe();
            String reason = closed || pool.isShutdown() ? "checker is closed"
                    : "busy: " + threads + " checks running and " + queueCapacity + " waiting";
            if (task.future.complete(new CheckResult.Unavailable(reason))) {
                LOG.warn("sasl check user={}: unavailable: {}", username, reason);
            }
        }
        return task.future;
    }

    private void onDeadline(Task task) {
        // Leave the queue before answering, so the caller's next check finds the slot free.
        boolean wasQueued = pool.remove(task);
        if (wasQueued) {
            task.wipe(); // it will never run: drop the password copy now
        }
        String reason = "timed out after " + timeoutMillis + " ms";
        if (task.future.complete(new CheckResult.Unavailable(reason))) {
            LOG.warn("sasl check user={}: unavailable: {} ({})", task.username, reason,
                    wasQueued ? "still waiting for a thread" : "saslauthd has not answered");
        }
    }

    /** Completes every pending check with Unavailable. Native calls in flight keep their threads. */
    @Override
    public void close() {
        closed = true;
        // Answer first: shutdownNow interrupts workers, and a check that returns early must not win.
        for (Task t : List.copyOf(pending)) {
            t.future.complete(new CheckResult.Unavailable("checker is closed"));
        }
        for (Runnable r : pool.shutdownNow()) {
            if (r instanceof Task t) {
                t.future.complete(new CheckResult.Unavailable("checker is closed"));
                t.wipe(); // never ran, never will
            }
        }
        deadlines.shutdownNow();
    }

    private final class Task implements Runnable {
        final String username;
        final byte[] usernameUtf8;
        final byte[] password;
        final CompletableFuture<CheckResult> future = new CompletableFuture<>();
        final long submittedNanos = System.nanoTime();
        volatile ScheduledFuture<?> deadline;

        Task(String username, byte[] usernameUtf8, byte[] password) {
            this.username = username;
            this.usernameUtf8 = usernameUtf8;
            this.password = password;
        }

        @Override
        public void run() {
            try {
                if (future.isDone()) {
                    return; // its deadline passed while it waited, or the checker closed
                }
                long start = System.nanoTime();
                Answer answer = callNative();
                long nativeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submittedNanos);
                if (future.complete(answer.result())) {
                    logOutcome(answer, nativeMillis, totalMillis);
                } else {
                    LOG.info("sasl check user={} answered after its deadline ({} ms in libsasl2): {} {}",
                            username, nativeMillis, answer.code(), answer.result());
                }
            } finally {
                wipe();
            }
        }

        private Answer callNative() {
            try {
                NativeCheck.SaslReply reply = nativeCheck.check(usernameUtf8, password);
                return new Answer(SaslOutcomes.classify(reply.code(), reply.detail()),
                        SaslOutcomes.describe(reply.code(), ""));
            } catch (RuntimeException | LinkageError e) {
                // JNA reports native trouble as unchecked exceptions; they never contain our arguments.
                return new Answer(new CheckResult.Unavailable("native check failed: " + e), "no code");
            }
        }

        private void logOutcome(Answer answer, long nativeMillis, long totalMillis) {
            if (answer.result() instanceof CheckResult.Unavailable u) {
                LOG.warn("sasl check user={}: unavailable after {} ms: {}", username, totalMillis, u.reason());
            } else {
                LOG.debug("sasl check user={}: {} {} in {} ms ({} ms in libsasl2)", username,
                        answer.result() instanceof CheckResult.Accepted ? "accepted" : "rejected", answer.code(),
                        totalMillis, nativeMillis);
            }
        }

        void wipe() {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** A check's outcome with the libsasl2 code it came from, for the log. */
    private record Answer(CheckResult result, String code) {
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
