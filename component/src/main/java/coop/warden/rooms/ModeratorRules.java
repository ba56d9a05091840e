// Moderator rules: who may create a room, whether a guest may enter, and what affiliation a joiner gets.
package coop.warden.rooms;

import coop.warden.store.PolicyStore;
import coop.warden.store.RuleSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.xmpp.packet.JID;

/**
 * The rules behind {@link RoomPolicy}'s create and join decisions (docs/admin-guide.md, "Moderator
 * rules"). Admins always own; service accounts are left alone; guests never create, never get
 * more than a participant, and (with {@code guest-needs-member}) wait for a member. Members get
 * what the room's rule set says. Reads only the store's in-memory cache and the ledger.
 */
final class ModeratorRules {
    private final RulesConfig config;
    private final PolicyStore store;
    private final Standings standings;
    private final RoomLedger ledger;
    private final RoomOwners owners;

    ModeratorRules(RulesConfig config, PolicyStore store, Standings standings, RoomLedger ledger, Clock clock,
                   ScheduledExecutorService scheduler, RoomOwners.Affiliator affiliator) {
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.standings = Objects.requireNonNull(standings);
        this.ledger = Objects.requireNonNull(ledger);
        this.owners = new RoomOwners(ledger, standings, clock, scheduler, config.ownerGrace(), affiliator,
                room -> forRoom(room).rules() == RuleSet.FIRST_MEMBER_OWNS);
    }

    EffectiveRules forRoom(JID room) {
        return store.roomRules(room).map(r -> new EffectiveRules(r, EffectiveRules.Source.ROOM))
                .orElseGet(this::deploymentDefault);
    }

    EffectiveRules deploymentDefault() {
        return store.defaultRules().map(r -> new EffectiveRules(r, EffectiveRules.Source.ADMIN_DEFAULT))
                .orElseGet(() -> new EffectiveRules(config.defaultRules(), EffectiveRules.Source.CONFIG_DEFAULT));
    }

    RuleSet configuredDefault() {
        return config.defaultRules();
    }

    Set<String> memberDomains() {
        return config.memberDomains();
    }

    Standing standing(JID realJid) {
        return standings.of(realJid);
    }

    /**
     * Who may open a room: not a guest, and in a {@code listed} room only its listed members (the
     * creator must own the new room, or it stays locked). An allowed creation starts the room's
     * ownership afresh.
     */
    Optional<Decision.Refused> refuseCreate(MucRequest r) {
        JID room = r.room();
        Standing s = standings.of(r.occupant());
        if (s == Standing.GUEST) {
            return Optional.of(Decision.guestCannotCreate());
        }
        if (s == Standing.MEMBER && forRoom(room).rules() == RuleSet.LISTED
                && !store.moderators(room).contains(r.occupant().asBareJID())) {
            return Optional.of(Decision.notListedCannotCreate());
        }
        owners.forget(room);
        return Optional.empty();
    }

    /** Checked before a seat is reserved: a guest waits while no member or admin is in the room. */
    Optional<Decision.Refused> refuseJoin(MucRequest r) {
        if (!config.guestNeedsMember() || standings.of(r.occupant()) != Standing.GUEST) {
            return Optional.empty();
        }
        boolean vouched = ledger.seats(r.room()).orElse(List.of()).stream()
                .anyMatch(s -> standings.of(s.occupant()).vouchesForGuests());
        return vouched ? Optional.empty() : Optional.of(Decision.waitingForMember());
    }

    /** The grant for an admitted joiner; null for a service account. May make the joiner the owner. */
    Grant grant(MucRequest r) {
        return grantFor(r.room(), r.occupant(), true);
    }

    /** What the rules give {@code occupant} now, without changing anything (for admins and re-applying). */
    Grant wouldGrant(JID room, JID occupant) {
        return grantFor(room, occupant, false);
    }

    private Grant grantFor(JID room, JID occupant, boolean joining) {
        JID member = occupant.asBareJID();
        return switch (standings.of(occupant)) {
            case SERVICE -> null;
            case ADMIN -> Grant.OWNER;
            case GUEST -> Grant.GUEST;
            case MEMBER -> switch (forRoom(room).rules()) {
                case MEMBERS_MODERATE -> Grant.OWNER;
                case LISTED -> store.moderators(room).contains(member) ? Grant.OWNER : Grant.MEMBER;
                case FIRST_MEMBER_OWNS -> joining ? owners.join(room, member)
                        : owners.owns(room, member) ? Grant.OWNER : Grant.MEMBER;
            };
        };
    }

    /** A room now run by first-member-owns with no owner yet gets one: the member present longest. */
    Optional<JID> adoptOwner(JID room) {
        return forRoom(room).rules() == RuleSet.FIRST_MEMBER_OWNS ? owners.adopt(room) : Optional.empty();
    }

    void left(MucRequest r) {
        if (standings.of(r.occupant()) == Standing.MEMBER) {
            owners.left(r.room(), r.occupant().asBareJID());
        }
    }

    /** Call before the ledger drops the room, so a stale `destroyed` can be told apart. */
    void destroyed(JID room) {
        owners.forget(room);
    }

    /** After a sync: room → bare JIDs Prosody lists as owners among its occupants. */
    void synced(Map<JID, Set<JID>> ownersByRoom) {
        ownersByRoom.forEach(owners::synced);
    }

    Optional<RoomOwners.View> owner(JID room) {
        return owners.view(room);
    }
}
