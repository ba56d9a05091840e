// The affiliation and role a join decision gives someone, as XEP-0045 names them.
package coop.warden.rooms;

/**
 * Ordered by privilege, most first. Warden grants affiliations and lets the role follow from
 * them the XEP-0045 way (owner → moderator, member and none → participant), so the role is never
 * out of step with the affiliation and needs no separate change. Moderating always comes with
 * owning: Prosody locks a new room until an owner configures it, and Jitsi's moderator features
 * (lobby, password) need the owner affiliation.
 */
public enum Grant {
    /** Owns and moderates the room. */
    OWNER("owner", "moderator"),
    /** A co-op member who does not moderate this room. */
    MEMBER("member", "participant"),
    /** A guest: no affiliation. */
    GUEST("none", "participant");

    private final String affiliation;
    private final String role;

    Grant(String affiliation, String role) {
        this.affiliation = affiliation;
        this.role = role;
    }

    /** The XEP-0045 affiliation: {@code owner}, {@code member} or {@code none}. */
    public String affiliation() {
        return affiliation;
    }

    /** The XEP-0045 role that affiliation gives: {@code moderator} or {@code participant}. */
    public String role() {
        return role;
    }
}
