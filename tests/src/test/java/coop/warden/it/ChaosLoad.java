// The chaos tests' bounded load: members log in, join a capped room, leave, disconnect; every answer kept.
package coop.warden.it;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;

/**
 * {@code workers} threads, each cycling through its own members (so no two threads use one
 * account): log in, join the room with the member's name as nick, leave, disconnect. Every fourth
 * round is a wrong password instead, which also drops the member's entry in Warden's credential
 * cache, so the next right login must reach saslauthd and the KDC. Every step's answer is
 * recorded with when it started and how long it took; nothing is retried.
 */
final class ChaosLoad {
    enum Step { CONNECT, LOGIN, WRONG_PASSWORD, JOIN, LEAVE }

    /** One answer: {@code outcome} is "ok", a SASL condition, a join's refusal kind, or how the connection failed. */
    record Answer(Step step, String user, String outcome, long startedNanos, long tookNanos) {
        Duration took() {
            return Duration.ofNanos(tookNanos);
        }

        @Override
        public String toString() {
            return step + " " + user + " → " + outcome + " (" + took().toMillis() + " ms)";
        }
    }

    @FunctionalInterface
    private interface Attempt {
        String run() throws Exception;
    }

    private static final Duration BACK_OFF = Duration.ofMillis(200);

    private final EntityBareJid room;
    private final ExecutorService pool;
    private final List<Answer> answers = new ArrayList<>();
    private volatile boolean stopping;

    private ChaosLoad(EntityBareJid room, int workers) {
        this.room = room;
        this.pool = Executors.newFixedThreadPool(workers);
    }

    /** Starts {@code workers} threads sharing out {@code members} round-robin. */
    static ChaosLoad start(EntityBareJid room, int workers, List<String> members) {
        ChaosLoad load = new ChaosLoad(room, workers);
        for (int w = 0; w < workers; w++) {
            List<String> mine = new ArrayList<>();
            for (int i = w; i < members.size(); i += workers) {
                mine.add(members.get(i));
            }
            load.pool.execute(() -> load.work(mine));
        }
        return load;
    }

    /** Lets each worker finish its round, then waits at most {@code limit} for all of them. */
    boolean stop(Duration limit) throws InterruptedException {
        stopping = true;
        pool.shutdown();
        boolean done = pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            pool.shutdownNow();
        }
        return done;
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** "STEP outcome" → how many. */
    Map<String, Long> tally() {
        Map<String, Long> t = new TreeMap<>();
        answers().forEach(a -> t.merge(a.step() + " " + a.outcome(), 1L, Long::sum));
        return t;
    }

    /** For each step, the longest any answer to it took (ms). */
    Map<Step, Long> slowestMillis() {
        Map<Step, Long> slowest = new EnumMap<>(Step.class);
        answers().forEach(a -> slowest.merge(a.step(), a.took().toMillis(), Math::max));
        return slowest;
    }

    /** When the first {@code step} that succeeded and started at or after {@code nanos} (System.nanoTime()) ended. */
    Optional<Long> firstSuccessSince(Step step, long nanos) {
        return answers().stream().filter(a -> a.step() == step && a.outcome().equals("ok"))
                .filter(a -> a.startedNanos() >= nanos).map(a -> a.startedNanos() + a.tookNanos()).min(Long::compare);
    }

    private void work(List<String> mine) {
        for (int round = 0; !stopping; round++) {
            String user = mine.get(round % mine.size());
            try {
                if (round % 4 == 3) {
                    wrongPassword(user, round);
                } else {
                    cycle(user);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                record(Step.LOGIN, user, "test error " + e, System.nanoTime(), 0);
            }
        }
    }

    private void cycle(String user) throws Exception {
        XMPPTCPConnection c = Clients.connection(Stack.DOMAIN, user, Stack.password(user));
        try {
            if (!connected(user, c)) {
                return;
            }
            if (!timed(Step.LOGIN, user, c, () -> {
                c.login();
                return "ok";
            }).equals("ok")) {
                Thread.sleep(BACK_OFF.toMillis());
                return;
            }
            MultiUserChat[] in = new MultiUserChat[1];
            timed(Step.JOIN, user, c, () -> {
                Muc.Outcome o = Muc.attempt(c, room, user);
                in[0] = o.room();
                return kind(o);
            });
            if (in[0] != null) {
                timed(Step.LEAVE, user, c, () -> {
                    in[0].leave();
                    return "ok";
                });
            }
        } finally {
            c.disconnect();
        }
    }

    private void wrongPassword(String user, int round) throws Exception {
        XMPPTCPConnection c = Clients.connection(Stack.DOMAIN, user, "not-" + user + "s-password-" + round);
        try {
            if (connected(user, c)) {
                timed(Step.WRONG_PASSWORD, user, c, () -> {
                    c.login();
                    return "ok";
                });
            }
        } finally {
            c.disconnect();
        }
    }

    /** TCP, stream and STARTTLS. A client that fails here or at login backs off a little, as real ones do. */
    private boolean connected(String user, XMPPTCPConnection c) throws InterruptedException {
        if (timed(Step.CONNECT, user, c, () -> {
            c.connect();
            return "ok";
        }).equals("ok")) {
            return true;
        }
        Thread.sleep(BACK_OFF.toMillis());
        return false;
    }

    private String timed(Step step, String user, XMPPTCPConnection c, Attempt attempt) throws InterruptedException {
        long t0 = System.nanoTime();
        String outcome;
        try {
            outcome = attempt.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            outcome = kind(e, c);
        }
        record(step, user, outcome, t0, System.nanoTime() - t0);
        return outcome;
    }

    private synchronized void record(Step step, String user, String outcome, long started, long took) {
        answers.add(new Answer(step, user, outcome, started, took));
    }

    /** A join's answer, by the kinds docs/protocol.md documents. */
    static String kind(Muc.Outcome o) {
        if (o.joined()) {
            return "ok";
        }
        if (o.isFull()) {
            return "full";
        }
        if (o.isPolicyServiceUnavailable()) {
            return "policy-service-unavailable";
        }
        StanzaError e = o.error();
        String text = String.valueOf(e.getDescriptiveText());
        if (e.getType() == StanzaError.Type.WAIT && e.getCondition() == StanzaError.Condition.service_unavailable
                && text.equals("The room policy service is starting; try again shortly.")) {
            return "policy-service-starting";
        }
        if (text.equals("Only this meeting's moderators can open it. Join once one of them has opened it.")) {
            return "not-listed-may-not-open";
        }
        if (e.getType() == StanzaError.Type.CANCEL && e.getCondition() == StanzaError.Condition.item_not_found
                && e.getDescriptiveText() == null) {
            return "room-locked"; // Prosody's own answer while a room's creator has not configured it yet
        }
        return "refused " + e.getType() + "/" + e.getCondition() + " \"" + text + "\"";
    }

    /** How a step failed without an XMPP answer: Prosody's port closed, or the connection dropped. */
    static String kind(Exception e, XMPPTCPConnection c) {
        if (e instanceof SASLErrorException s) {
            return s.getSASLFailure().getSASLErrorString();
        }
        if (e instanceof SmackException.EndpointConnectionException || e instanceof ConnectException) {
            return "connection-refused";
        }
        if (e instanceof SmackException.NoResponseException) {
            // No answer because the connection died under the request is a dropped connection, not a hang.
            return c.isConnected() ? "no-response" : "connection-lost";
        }
        if (e instanceof SmackException.NotConnectedException || e instanceof XMPPException.StreamErrorException
                || e instanceof IOException || !c.isConnected()) {
            return "connection-lost";
        }
        return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
