// What the breakout bookkeeping asks of Prosody: open, rename and destroy breakout rooms; invite people.
package coop.warden.breakout;

import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.JID;

/** Never blocks; the futures complete on a Warden thread, never exceptionally. */
interface MucDriver {

    enum Result {
        /** The MUC host did it. */
        DONE,
        /** The MUC host has no such room (for destroy: it is gone already). */
        NOT_FOUND,
        /** No answer, the link is down, or an error: try again later. */
        FAILED
    }

    /** Makes sure {@code room} exists on its host with {@code name} (creates it if missing). */
    CompletableFuture<Result> createRoom(JID room, String name);

    CompletableFuture<Result> renameRoom(JID room, String name);

    /** Destroys {@code room}; its occupants are told {@code reason} and {@code alternate} (may be null). */
    CompletableFuture<Result> destroyRoom(JID room, String reason, JID alternate);

    /** Sends {@code to} a XEP-0249 direct invitation to {@code room}. */
    void invite(JID to, JID room, String reason);
}
