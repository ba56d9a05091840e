// Sends affiliation changes to a MUC host (urn:warden:muc:1 <affiliate/>) and logs how they went.
package coop.warden.rooms;

import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Fire and forget: a change that cannot be delivered is logged, and corrected the next time the
 * member joins (every join decision carries the affiliation afresh).
 */
final class MucAffiliator implements RoomOwners.Affiliator {
    private static final Logger log = LoggerFactory.getLogger(MucAffiliator.class);

    private final IqRequester requester;
    private final Duration timeout;

    MucAffiliator(IqRequester requester, Duration timeout) {
        this.requester = Objects.requireNonNull(requester);
        this.timeout = Objects.requireNonNull(timeout);
    }

    @Override
    public void affiliate(JID room, JID member, Grant grant) {
        try {
            requester.request(MucWire.affiliateRequest(room, member, grant), timeout).whenComplete((answer, failure) -> {
                if (failure != null) {
                    log.warn("could not make {} {} of {}: {}", member, grant.affiliation(), room, failure.getMessage());
                } else if (answer.getType() == IQ.Type.error) {
                    log.warn("{} refused to make {} {} of {}: {}", room.getDomain(), member, grant.affiliation(), room,
                            answer.getError() == null ? "no condition" : answer.getError().getCondition().toXMPP());
                } else {
                    log.info("{} is now {} of {}", member, grant.affiliation(), room);
                }
            });
        } catch (RuntimeException e) {
            log.warn("could not make {} {} of {}: {}", member, grant.affiliation(), room, e.getMessage());
        }
    }
}
