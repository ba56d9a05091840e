// A ScheduledExecutorService for tests: tasks run when the test moves a FakeClock and says so.
package coop.warden.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link #execute} runs the task at once on the caller's thread; scheduled tasks run only in
 * {@link #runDue()}, when the clock has reached them. No thread, no sleeping, no timing.
 */
public final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private boolean shutdown;

    public FakeScheduler(FakeClock clock) {
        this.clock = clock;
    }

    /** Runs every task due by the clock's time, earliest first (tasks they schedule included). */
    public void runDue() {
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled && !t.done && !t.due.isAfter(clock.instant()))
                        .min(Comparator.comparing(t -> t.due)).orElse(null);
                if (next == null) {
                    return;
                }
                next.done = true;
            }
            next.action.run();
            if (next.period != null) {
                schedule(next.action, next.period, next.period);
            }
        }
    }

    /** Moves the clock by {@code d} and runs what became due. */
    public void advance(Duration d) {
        clock.advance(d);
        runDue();
    }

    /** Scheduled tasks not yet run nor cancelled. */
    public synchronized long pending() {
        return tasks.stream().filter(t -> !t.cancelled && !t.done).count();
    }

    private synchronized Task schedule(Runnable action, Duration delay, Duration period) {
        Task t = new Task(action, clock.instant().plus(delay), period);
        tasks.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(command, Duration.ofNanos(unit.toNanos(delay)), null);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by Warden");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return schedule(command, Duration.ofNanos(unit.toNanos(initialDelay)), Duration.ofNanos(unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable action;
        final Instant due;
        final Duration period;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable action, Instant due, Duration period) {
            this.action = action;
            this.due = due;
            this.period = period;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
