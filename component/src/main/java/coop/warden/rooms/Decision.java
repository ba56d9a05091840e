// The component's answer to a create or join: allow, or refuse with the error the joiner sees.
package coop.warden.rooms;

import coop.warden.xmpp.ErrorCondition;
import java.util.Objects;

/**
 * A decision, turned into {@code <decision xmlns='urn:warden:muc:1'/>} by {@link MucWire}.
 * Moderator rules will add the role and affiliation to {@link Allowed}; further refusals
 * (guests, breakout rooms) are new factory methods here.
 */
sealed interface Decision permits Decision.Allowed, Decision.Refused {

    Allowed ALLOW = new Allowed();

    record Allowed() implements Decision {}

    /**
     * Refused with {@code error} and {@code text}; {@code full} is set for "room full" so the
     * client gets {@code <full cap count/>}; {@code reason} is for Warden's log only.
     */
    record Refused(ErrorCondition error, String text, Admission.Full full, String reason) implements Decision {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Refused full(Admission.Full full) {
        return new Refused(ErrorCondition.SERVICE_UNAVAILABLE,
                "This meeting is full (" + full.count() + " of " + full.cap() + ").", full,
                "full, " + full.count() + " of " + full.cap());
    }

    /** While Warden cannot yet count Prosody's occupants (see MucSync), a capped room admits no one. */
    static Refused notReady() {
        return new Refused(ErrorCondition.SERVICE_UNAVAILABLE_WAIT,
                "The room policy service is starting; try again shortly.", null,
                "occupants not yet synced from Prosody");
    }
}
