// The component's answer to a create or join: allow, or refuse with the error the joiner sees.
package coop.warden.rooms;

import coop.warden.xmpp.ErrorCondition;
import java.util.Objects;

/**
 * A decision, turned into {@code <decision xmlns='urn:warden:muc:1'/>} by {@link MucWire}.
 * An allowed join carries the {@link Grant} (affiliation and role) the moderator rules give;
 * the breakout rules' refusals come from a {@link RoomGate} and are turned into {@link Refused}
 * by {@link RoomPolicy}.
 */
sealed interface Decision permits Decision.Allowed, Decision.Refused {

    /** Allowed, with no affiliation or role: the module leaves them to Prosody. */
    Allowed ALLOW = new Allowed(null);

    /** Allowed; {@code grant} is null when the rules leave the occupant alone (service accounts, creations). */
    record Allowed(Grant grant) implements Decision {}

    static Allowed allow(Grant grant) {
        return grant == null ? ALLOW : new Allowed(grant);
    }

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

    /** Guests never open a room (so a guest can never be its owner). */
    static Refused guestCannotCreate() {
        return new Refused(ErrorCondition.NOT_ALLOWED,
                "Only members of the co-op can open a meeting. Ask a member to open it, then join.", null,
                "a guest may not create a room");
    }

    /** A `listed` room is opened by one of its moderators, who then owns it. */
    static Refused notListedCannotCreate() {
        return new Refused(ErrorCondition.NOT_ALLOWED,
                "Only this meeting's moderators can open it. Join once one of them has opened it.", null,
                "not a listed moderator, may not create");
    }

    /** warden.rules.guest-needs-member: a guest waits until a member is in the room. */
    static Refused waitingForMember() {
        return new Refused(ErrorCondition.NOT_ALLOWED_WAIT,
                "Waiting for a member of the co-op to join this meeting; try again shortly.", null,
                "a guest, and no member is in the room");
    }

    /** While Warden cannot yet count Prosody's occupants (see MucSync), a capped room admits no one. */
    static Refused notReady() {
        return new Refused(ErrorCondition.SERVICE_UNAVAILABLE_WAIT,
                "The room policy service is starting; try again shortly.", null,
                "occupants not yet synced from Prosody");
    }
}
