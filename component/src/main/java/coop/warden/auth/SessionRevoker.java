// Asks each Prosody host to end a member's sessions (urn:warden:auth:1 revoke) after the backend refused a cached login.
package coop.warden.auth;

import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Sends {@code <revoke/>} to every configured virtual host (one Kerberos realm serves them
 * all, so the member may be logged in on any). mod_auth_warden closes every session of that
 * user on its host. Never blocks: the answers are only logged.
 */
final class SessionRevoker {
    private static final Logger log = LoggerFactory.getLogger(SessionRevoker.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<JID> hosts;
    private final IqRequester requester;

    SessionRevoker(Iterable<String> hosts, IqRequester requester) {
        List<JID> jids = new java.util.ArrayList<>();
        hosts.forEach(h -> jids.add(new JID(null, h, null)));
        this.hosts = List.copyOf(jids);
        this.requester = requester;
    }

    /** Completes when every host has answered or failed; never exceptionally. */
    CompletableFuture<Void> revoke(String username) {
        CompletableFuture<?>[] all = hosts.stream().map(h -> revokeOn(h, username)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    private CompletableFuture<Void> revokeOn(JID host, String username) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setTo(host);
        iq.setChildElement(AuthElements.revoke(username));
        CompletableFuture<IQ> answer;
        try {
            answer = requester.request(iq, TIMEOUT);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((reply, failure) -> {
            if (failure != null) {
                log.error("could not end the sessions of user={} on {}: {}", username, host,
                        failure.getClass().getSimpleName());
            } else if (reply.getType() == IQ.Type.error) {
                log.error("{} refused to end the sessions of user={}: {} (is mod_auth_warden loaded there, "
                        + "with warden_component set to this component?)", host, username,
                        reply.getError() == null ? "?" : reply.getError().getCondition());
            } else {
                int n = AuthElements.revokedSessions(reply.getChildElement());
                log.warn("ended {} session(s) of user={} on {}", n < 0 ? "the" : Integer.toString(n), username, host);
            }
            return null;
        });
    }
}
