// An exempt service account (focus) sitting in a room and counting who else is in it, as Prosody reports them.
package coop.warden.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.muc.ParticipantStatusListener;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * focus@coop.test is in {@code warden.muc.exempt} on the stack, so its presence takes no seat. It
 * recounts the other occupants after every arrival and departure its client sees, and keeps the
 * largest count. When its connection drops (a Prosody restart), it logs in and enters again.
 */
final class RoomWatch implements AutoCloseable {
    static final String WATCHER = "focus";

    private final EntityBareJid room;
    private final int cap;
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor();
    /** Guards max and overCap; never held while waiting on the server (Smack's listener thread takes it). */
    private final Object stats = new Object();
    private final List<String> overCap = new ArrayList<>();
    private int max;
    /** Written only by ensureInside, which runs on one thread at a time. */
    private volatile XMPPTCPConnection connection;
    private volatile MultiUserChat muc;

    private RoomWatch(EntityBareJid room, int cap) {
        this.room = room;
        this.cap = cap;
    }

    /** Enters {@code room} (creating it if need be) and keeps watching until closed. */
    static RoomWatch enter(EntityBareJid room, int cap) throws Exception {
        RoomWatch w = new RoomWatch(room, cap);
        w.ensureInside();
        w.keeper.scheduleWithFixedDelay(w::ensureInsideQuietly, 500, 500, TimeUnit.MILLISECONDS);
        return w;
    }

    /** The most occupants (besides the watcher) seen at once. */
    int max() {
        synchronized (stats) {
            return max;
        }
    }

    /** Each moment the count went over the cap, with who was in. */
    List<String> overCap() {
        synchronized (stats) {
            return List.copyOf(overCap);
        }
    }

    /** How many others are in now (-1 while the watcher is not inside). */
    int others() {
        MultiUserChat m = muc;
        return inside() ? count(m) : -1;
    }

    /** "member/participant": how the watcher sees the occupant with {@code nick}. */
    String seen(String nick) throws Exception {
        MultiUserChat m = muc;
        Occupant o = m == null ? null : m.getOccupant(JidCreate.entityFullFrom(room + "/" + nick));
        return o == null ? "(not in the room)" : o.getAffiliation() + "/" + o.getRole();
    }

    private boolean inside() {
        XMPPTCPConnection c = connection;
        MultiUserChat m = muc;
        return c != null && c.isAuthenticated() && m != null && m.isJoined();
    }

    private void ensureInsideQuietly() {
        try {
            ensureInside();
        } catch (Exception e) {
            // Prosody or Warden still on the way back: try again on the next tick.
        }
    }

    /** Runs on the caller of enter(), then only on the keeper thread. */
    private void ensureInside() throws Exception {
        if (inside()) {
            return;
        }
        if (connection != null) {
            connection.disconnect();
        }
        muc = null;
        connection = Clients.login(WATCHER);
        MultiUserChat m = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
        m.addParticipantStatusListener(new ParticipantStatusListener() {
            @Override
            public void joined(EntityFullJid participant) {
                recount(m);
            }

            @Override
            public void left(EntityFullJid participant) {
                recount(m);
            }

            @Override
            public void kicked(EntityFullJid participant, Jid actor, String reason) {
                recount(m);
            }
        });
        Muc.join(connection, room, WATCHER);
        muc = m;
        recount(m);
    }

    private void recount(MultiUserChat m) {
        int n = count(m);
        synchronized (stats) {
            max = Math.max(max, n);
            if (n > cap) {
                overCap.add(n + " in " + room + ": " + m.getOccupants());
            }
        }
    }

    private static int count(MultiUserChat m) {
        return (int) m.getOccupants().stream().filter(j -> !j.getResourcepart().toString().equals(WATCHER)).count();
    }

    @Override
    public void close() throws InterruptedException {
        keeper.shutdownNow();
        keeper.awaitTermination(30, TimeUnit.SECONDS);
        XMPPTCPConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
    }
}
