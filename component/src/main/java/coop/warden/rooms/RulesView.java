// What an admin sees of one room's moderator rules: the rule set, the listed moderators, the owner, who gets what.
package coop.warden.rooms;

import coop.warden.store.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * A point-in-time view. {@code owner} is set for a first-member-owns room that has (or is holding
 * for) an owner; {@code occupants} are the people in the room with what the rules give them.
 */
public record RulesView(JID room, Optional<RuleSet> ownRules, EffectiveRules effective, List<JID> moderators,
                        Optional<Owner> owner, List<Occupant> occupants) {
    public RulesView {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(ownRules, "ownRules");
        Objects.requireNonNull(effective, "effective");
        moderators = List.copyOf(moderators);
        Objects.requireNonNull(owner, "owner");
        occupants = List.copyOf(occupants);
    }

    /** The first-member-owns owner: empty {@code member} when not known; {@code awaySince} while away. */
    public record Owner(Optional<JID> member, Optional<Instant> awaySince) {}

    /** An occupant, who they are to the co-op, and the grant the rules give them (null: left alone). */
    public record Occupant(Seat seat, Standing standing, Grant grant) {}
}
