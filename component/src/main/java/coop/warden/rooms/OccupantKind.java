// Who an occupant is, as far as counting goes.
package coop.warden.rooms;

/**
 * How an occupant counts. Moderator rules will split {@link #PERSON} into members and guests;
 * counting does not depend on that split.
 */
public enum OccupantKind {
    /** A service account (focus, recorder, transcriber): never counted, never refused. */
    SERVICE,
    /** A Warden admin: takes a seat like anyone, but is let in even when the room is full. */
    ADMIN,
    /** Everyone else: takes a seat, and is refused when none is left. */
    PERSON;

    public boolean counts() {
        return this != SERVICE;
    }
}
