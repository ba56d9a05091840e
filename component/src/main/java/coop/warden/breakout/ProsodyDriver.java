// MucDriver over the component link: urn:warden:breakout:1 IQs to the MUC host, invitations as messages.
package coop.warden.breakout;

import coop.warden.xmpp.IqRequester;
import coop.warden.xmpp.StanzaSender;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Answers are handed to {@code executor}, off Whack's threads. */
final class ProsodyDriver implements MucDriver {
    private static final Logger log = LoggerFactory.getLogger(ProsodyDriver.class);

    private final IqRequester requester;
    private final StanzaSender sender;
    private final Duration timeout;
    private final Executor executor;

    ProsodyDriver(IqRequester requester, StanzaSender sender, Duration timeout, Executor executor) {
        this.requester = Objects.requireNonNull(requester);
        this.sender = Objects.requireNonNull(sender);
        this.timeout = Objects.requireNonNull(timeout);
        this.executor = Objects.requireNonNull(executor);
    }

    @Override
    public CompletableFuture<Result> createRoom(JID room, String name) {
        return ask("create-room", room, BreakoutWire.createRoom(room, name));
    }

    @Override
    public CompletableFuture<Result> renameRoom(JID room, String name) {
        return ask("rename-room", room, BreakoutWire.renameRoom(room, name));
    }

    @Override
    public CompletableFuture<Result> destroyRoom(JID room, String reason, JID alternate) {
        return ask("destroy-room", room, BreakoutWire.destroyRoom(room, reason, alternate));
    }

    @Override
    public void invite(JID to, JID room, String reason) {
        sender.send(BreakoutWire.invitation(to, room, reason));
    }

    private CompletableFuture<Result> ask(String what, JID room, IQ iq) {
        CompletableFuture<IQ> answer;
        try {
            answer = requester.request(iq, timeout);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handleAsync((reply, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                log.warn("{} {}: no answer from {} ({}); will retry", what, room, room.getDomain(),
                        cause.getClass().getSimpleName());
                return Result.FAILED;
            }
            if (reply.getType() == IQ.Type.result) {
                return Result.DONE;
            }
            PacketError error = reply.getError();
            if (error != null && error.getCondition() == PacketError.Condition.item_not_found) {
                return Result.NOT_FOUND;
            }
            log.warn("{} {}: {} answered {} ({}); will retry. Is mod_warden_muc (with warden_breakout.lib.lua)"
                    + " loaded there?", what, room, reply.getFrom(), reply.getType(),
                    error == null ? "no error" : error.getCondition().toXMPP());
            return Result.FAILED;
        }, executor);
    }
}
