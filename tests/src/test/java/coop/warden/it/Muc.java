// Smack MUC usage for the room tests: unique rooms, joins that create instant rooms, refusals as values.
package coop.warden.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** What a member's client does with rooms on the stack's MUC host, and what it is told. */
final class Muc {
    static final String NS = "urn:warden:muc:1";

    private Muc() {
    }

    /** A room no other run or test uses: {@code purpose-<random>@conference.coop.test}. */
    static EntityBareJid uniqueRoom(String purpose) {
        return uniqueRoom(purpose, Stack.MUC);
    }

    /** A fresh room on MUC host {@code host}. */
    static EntityBareJid uniqueRoom(String purpose, String host) {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return JidCreate.entityBareFromOrThrowUnchecked("it-" + purpose + "-" + suffix + "@" + host);
    }

    /** The {@code <full xmlns='urn:warden:muc:1'/>} element of a "room full" refusal. */
    record Full(int cap, int count) {
        static Optional<Full> in(StanzaError error) {
            StandardExtensionElement full = error.getExtension("full", NS);
            if (full == null) {
                return Optional.empty();
            }
            return Optional.of(new Full(Integer.parseInt(full.getAttributeValue("cap")),
                    Integer.parseInt(full.getAttributeValue("count"))));
        }
    }

    /** How a join attempt ended: in the room (which it {@code created}, or not), or refused with {@code error}. */
    record Outcome(MultiUserChat room, boolean created, StanzaError error, Duration took) {
        boolean joined() {
            return room != null;
        }

        /** The refusal's {@code <full/>}, if it was "room full". */
        Optional<Full> full() {
            return error == null ? Optional.empty() : Full.in(error);
        }

        boolean isFull() {
            return full().isPresent();
        }

        /** Warden's documented answer while it is not connected. */
        boolean isPolicyServiceUnavailable() {
            return isWaitSaying("policy service is unavailable");
        }

        /** Not decided yet: Warden is not connected, or has just connected and is still counting (its sync). */
        boolean isNotDecidedYet() {
            return isPolicyServiceUnavailable() || isWaitSaying("policy service is starting");
        }

        private boolean isWaitSaying(String text) {
            return error != null && error.getType() == StanzaError.Type.WAIT
                    && error.getCondition() == StanzaError.Condition.service_unavailable
                    && String.valueOf(error.getDescriptiveText()).contains(text);
        }

        @Override
        public String toString() {
            return joined() ? (created ? "created" : "joined") : "refused " + error.getType() + "/" + error.getCondition() + " \""
                    + error.getDescriptiveText() + "\"" + full().map(f -> " " + f).orElse("");
        }
    }

    /**
     * Joins {@code room} as {@code nick}; the first one in creates it and makes it instant (unlocked),
     * as Jitsi's focus does.
     *
     * @throws XMPPException.XMPPErrorException with the refusal
     */
    static MultiUserChat join(XMPPConnection c, EntityBareJid room, String nick) throws Exception {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room);
        enter(muc, nick);
        return muc;
    }

    /** Enters; true when this entry created the room (status 201). */
    private static boolean enter(MultiUserChat muc, String nick) throws Exception {
        MultiUserChat.MucCreateConfigFormHandle created = muc.createOrJoin(
                muc.getEnterConfigurationBuilder(Resourcepart.from(nick)).requestNoHistory().build());
        if (created != null) {
            created.makeInstant();
        }
        return created != null;
    }

    /** Like {@link #join}, but a refusal is a value. */
    static Outcome attempt(XMPPConnection c, EntityBareJid room, String nick) throws Exception {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room);
        long t0 = System.nanoTime();
        try {
            boolean created = enter(muc, nick);
            return new Outcome(muc, created, null, Duration.ofNanos(System.nanoTime() - t0));
        } catch (XMPPException.XMPPErrorException e) {
            return new Outcome(null, false, e.getStanzaError(), Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** Whether the MUC service knows the room at all (disco#info answers rather than item-not-found). */
    static Optional<StanzaError> discoInfoError(XMPPConnection c, EntityBareJid room) throws Exception {
        try {
            ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(room);
            return Optional.empty();
        } catch (XMPPException.XMPPErrorException e) {
            return Optional.of(e.getStanzaError());
        }
    }

    /** Destroys a room as a Prosody admin (best effort: for rooms a test leaves behind). */
    static void destroyQuietly(XMPPConnection admin, EntityBareJid room) {
        try {
            if (admin != null && admin.isAuthenticated()) {
                MultiUserChatManager.getInstanceFor(admin).getMultiUserChat(room).destroy("test over", null);
            }
        } catch (Exception e) {
            // the room may be gone already
        }
    }

    /** Logged-in members for one test; closing disconnects every one of them. */
    static final class People implements AutoCloseable {
        private final List<XMPPTCPConnection> connections = new ArrayList<>();

        synchronized XMPPTCPConnection login(String user) throws Exception {
            XMPPTCPConnection c = Clients.login(user);
            connections.add(c);
            return c;
        }

        @Override
        public synchronized void close() {
            for (XMPPTCPConnection c : connections) {
                c.disconnect();
            }
            connections.clear();
        }
    }
}
