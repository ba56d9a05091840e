// A logged-in member for the join benchmark: joins and leaves rooms, and is told when Prosody confirms.
package coop.warden.bench;

import coop.warden.bench.xmpp.RawXmpp;
import coop.warden.bench.xmpp.Stanza;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each member's connection has its own reader thread. A join completes when the member's own
 * presence comes back from the room (status 110), or with the room's error presence; a leave
 * when its own unavailable presence comes back. Everyone else's presences are read and dropped.
 */
final class Member implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    final String user;
    /** The nick this member uses in every room. */
    final String nick;
    private final RawXmpp client;
    private final ConcurrentHashMap<String, CompletableFuture<Stanza>> waiting = new ConcurrentHashMap<>();
    private volatile Exception ended;

    private Member(String user, String nick, RawXmpp client) {
        this.user = user;
        this.nick = nick;
        this.client = client;
    }

    /**
     * Logs {@code user}@coop.test in with {@code resource}; {@code nick} is its name in rooms. These
     * logins are not measured: a "try again later" (the stack shared with other tests had its KDC
     * stopped, say) is retried a few times.
     */
    static Member login(BenchStack stack, String user, String resource, String nick) throws IOException {
        RawXmpp c = null;
        for (int attempt = 1; c == null; attempt++) {
            RawXmpp tried = stack.connect("coop.test");
            try {
                tried.loginPlain(user, BenchStack.password(user), resource);
                c = tried;
            } catch (RawXmpp.AuthFailed e) {
                tried.close();
                if (attempt == 5 || !"temporary-auth-failure".equals(e.condition())) {
                    throw e;
                }
                pause(attempt);
            } catch (IOException e) {
                tried.close();
                throw e;
            }
        }
        Member m = new Member(user, nick, c);
        c.listen(m::received, m::end);
        return m;
    }

    /** Sends the join presence; completes with the self-presence (status 110, maybe 201) or the error presence. */
    CompletableFuture<Stanza> join(String room) throws IOException {
        String occupant = room + "/" + nick;
        CompletableFuture<Stanza> f = expect("in:" + occupant);
        client.write("<presence to='" + occupant + "'><x xmlns='http://jabber.org/protocol/muc'>"
                + "<history maxstanzas='0'/></x></presence>");
        return f;
    }

    CompletableFuture<Stanza> leave(String room) throws IOException {
        String occupant = room + "/" + nick;
        CompletableFuture<Stanza> f = expect("out:" + occupant);
        client.write("<presence type='unavailable' to='" + occupant + "'/>");
        return f;
    }

    /** Unlocks a room this member just created (Prosody locks new rooms until their owner configures them). */
    CompletableFuture<Stanza> makeInstant(String room) throws IOException {
        String id = "cfg" + IDS.incrementAndGet();
        CompletableFuture<Stanza> f = expect("iq:" + id);
        client.write("<iq type='set' id='" + id + "' to='" + room + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
        return f;
    }

    private CompletableFuture<Stanza> expect(String key) throws IOException {
        if (ended != null) {
            throw new IOException(user + "'s stream ended: " + ended.getMessage());
        }
        CompletableFuture<Stanza> f = new CompletableFuture<>();
        waiting.put(key, f);
        return f;
    }

    private void end(Exception e) {
        ended = e;
        waiting.values().forEach(f -> f.completeExceptionally(e));
    }

    private void received(Stanza s) {
        String from = s.attr("from");
        String type = s.attr("type");
        String key = null;
        if ("presence".equals(s.name())) {
            if ("error".equals(type)) {
                key = "in:" + from;
            } else if (s.hasStatus(110)) {
                key = ("unavailable".equals(type) ? "out:" : "in:") + from;
            }
        } else if ("iq".equals(s.name())) {
            key = "iq:" + s.attr("id");
        }
        CompletableFuture<Stanza> f = key == null ? null : waiting.remove(key);
        if (f != null) {
            f.complete(s);
        }
    }

    private static void pause(int attempt) throws IOException {
        try {
            TimeUnit.SECONDS.sleep(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
