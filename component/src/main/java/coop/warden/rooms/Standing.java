// Who someone is to the co-op, as far as moderator rules go.
package coop.warden.rooms;

/** Ordered by trust, most trusted first. */
public enum Standing {
    /** A service account (warden.muc.exempt): rules leave it alone; it is never refused. */
    SERVICE("service account"),
    /** A Warden admin (warden.admins): always an owner, so always a moderator. */
    ADMIN("admin"),
    /** An account on a members' domain (warden.rules.member-domains). */
    MEMBER("member"),
    /** Anyone else: an anonymous guest, or an account on a domain that is not the co-op's. */
    GUEST("guest");

    private final String label;

    Standing(String label) {
        this.label = label;
    }

    /** "member", "guest", ... as admins read it. */
    public String label() {
        return label;
    }

    /** Whether someone of this standing makes a room "have a member in it" for waiting guests. */
    boolean vouchesForGuests() {
        return this == ADMIN || this == MEMBER;
    }
}
