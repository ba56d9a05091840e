// A logged-in member for the join benchmark: joins and leaves rooms, and is told when Prosody confirms.
package coop.warden.bench;

import coop.warden.bench.xmpp.RawXmpp;
import coop.warden.bench.xmpp.Stanza;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each member's connection has its own reader thread. A join completes when the member's own
 * presence comes back from the room (status 110), or with the room's error presence; a leave
 * when its own unavailable presence comes back. Everyone else's presences are read and dropped.
 */
final class Member implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    final String user;
    private final RawXmpp client;
    private final ConcurrentHashMap<String, CompletableFuture<Stanza>> waiting = new ConcurrentHashMap<>();
    private volatile Exception ended;

    private Member(String user, RawXmpp client) {
        this.user = user;
        this.client = client;
    }

    static Member login(BenchStack stack, String user) throws IOException {
        RawXmpp c = stack.connect("coop.test");
        try {
            c.loginPlain(user, BenchStack.password(user), "bench");
        } catch (IOException e) {
            c.close();
            throw e;
        }
        Member m = new Member(user, c);
        c.listen(m::received, m::end);
        return m;
    }

    /** Sends the join presence; completes with the self-presence (status 110, maybe 201) or the error presence. */
    CompletableFuture<Stanza> join(String room) throws IOException {
        String occupant = room + "/" + user;
        CompletableFuture<Stanza> f = expect("in:" + occupant);
        client.write("<presence to='" + occupant + "'><x xmlns='http://jabber.org/protocol/muc'>"
                + "<history maxstanzas='0'/></x></presence>");
        return f;
    }

    CompletableFuture<Stanza> leave(String room) throws IOException {
        String occupant = room + "/" + user;
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

    @Override
    public void close() {
        client.close();
    }
}
