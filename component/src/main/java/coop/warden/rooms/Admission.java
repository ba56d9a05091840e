// What the ledger did with a join: admitted (with or without a new seat) or full.
package coop.warden.rooms;

/** The ledger's answer to a join. */
sealed interface Admission permits Admission.Admitted, Admission.Full {

    /** Let in. {@code alreadyHeld}: the occupant had a seat or reservation; {@code overCap}: an admin let in past the cap. */
    record Admitted(boolean alreadyHeld, boolean overCap) implements Admission {}

    /** Refused: {@code count} counted occupants already hold the room's {@code cap} seats (or more). */
    record Full(int cap, int count) implements Admission {
        public Full {
            if (cap < 0 || count < cap) {
                throw new IllegalArgumentException("not full: " + count + " of " + cap);
            }
        }
    }
}
