// first-member-owns: who owns each room, and the hand-over when the owner leaves for good.
package coop.warden.rooms;

import com.google.common.util.concurrent.Striped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Ownership decisions for one room are serialized under that room's lock; the affiliation
 * changes they cause are sent after the lock is released. Presence is read from the
 * {@link RoomLedger} (a seat or a reservation of any of the member's sessions), so an owner who
 * still has another client in the room has not left.
 *
 * <p>When the owner's last session leaves, a hand-over is scheduled {@code grace} later. If the
 * owner joins again first, they are owner again and the hand-over is cancelled; otherwise the
 * ownership goes to the member present longest (never a guest, never a service account) and the
 * old owner becomes a plain member. With no member present the room is left without an owner
 * until the next member joins, who then owns it.
 */
final class RoomOwners {
    private static final Logger log = LoggerFactory.getLogger(RoomOwners.class);

    /** Gives {@code member} (a bare JID) {@code grant}'s affiliation in {@code room} on the MUC host. */
    @FunctionalInterface
    interface Affiliator {
        void affiliate(JID room, JID member, Grant grant);
    }

    /**
     * {@code awaySince} is set while the owner is gone and a hand-over is scheduled. {@code member}
     * is null when the owner is not known: Warden restarted and no member in the room owned it.
     */
    private record Owner(JID member, Instant awaySince, ScheduledFuture<?> handOver) {}

    /** What an admin sees: the owner (empty when not known) and since when they are away. */
    record View(Optional<JID> member, Optional<Instant> awaySince) {}

    private final ConcurrentHashMap<JID, Owner> owners = new ConcurrentHashMap<>();
    private final Striped<Lock> locks = Striped.lock(64);
    private final RoomLedger ledger;
    private final Standings standings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration grace;
    private final Affiliator affiliator;
    private final Predicate<JID> applies;

    /** {@code applies}: whether a room is still run by first-member-owns (checked before a hand-over). */
    RoomOwners(RoomLedger ledger, Standings standings, Clock clock, ScheduledExecutorService scheduler,
               Duration grace, Affiliator affiliator, Predicate<JID> applies) {
        this.ledger = Objects.requireNonNull(ledger);
        this.standings = Objects.requireNonNull(standings);
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.grace = Objects.requireNonNull(grace);
        this.affiliator = Objects.requireNonNull(affiliator);
        this.applies = Objects.requireNonNull(applies);
    }

    /** {@code member} (bare JID) joins a first-member-owns room: OWNER for the owner or the first member. */
    Grant join(JID room, JID member) {
        List<Runnable> after = new ArrayList<>();
        Grant grant = locked(room, () -> {
            Owner o = owners.get(room);
            if (o != null && member.equals(o.member())) {
                cancel(o);
                owners.put(room, new Owner(member, null, null));
                return Grant.OWNER;
            }
            if (o == null) {
                // Usually the joiner; an earlier member when the room had members before it had an owner
                // (its rule set was just changed to first-member-owns).
                JID first = firstMemberPresent(room, member).orElse(member);
                owners.put(room, new Owner(first, null, null));
                if (!first.equals(member)) {
                    after.add(() -> affiliator.affiliate(room, first, Grant.OWNER));
                    log.info("{} owns {}: the first member in it", first, room);
                }
                return first.equals(member) ? Grant.OWNER : Grant.MEMBER;
            }
            if (o.awaySince() == null && !isPresent(room, o.member())) {
                owners.put(room, away(room, o.member())); // its join never completed, or a `left` was lost
            }
            return Grant.MEMBER;
        });
        after.forEach(Runnable::run);
        return grant;
    }

    /** {@code member}'s session left {@code room} (the ledger has already freed its seat). */
    void left(JID room, JID member) {
        locked(room, () -> {
            Owner o = owners.get(room);
            if (o != null && member.equals(o.member()) && o.awaySince() == null && !isPresent(room, member)) {
                owners.put(room, away(room, member));
                log.info("owner {} left {}; ownership passes on in {} s unless they come back", member, room,
                        grace.toSeconds());
            }
            return null;
        });
    }

    /** The room was created anew or destroyed: forget its owner, unless the owner is in it (a stale event). */
    void forget(JID room) {
        locked(room, () -> {
            Owner o = owners.get(room);
            if (o != null && !(o.awaySince() == null && isPresent(room, o.member()))) {
                cancel(o);
                owners.remove(room);
            }
            return null;
        });
    }

    /** After a sync: {@code ownersPresent} are the occupants Prosody lists with the owner affiliation. */
    void synced(JID room, Set<JID> ownersPresent) {
        locked(room, () -> {
            if (!applies.test(room)) {
                return null;
            }
            Optional<JID> owner = ownersPresent.stream().filter(j -> standings.of(j) == Standing.MEMBER).findFirst();
            Owner o = owners.get(room);
            if (owner.isPresent()) {
                cancel(o);
                owners.put(room, new Owner(owner.get(), null, null));
            } else if (o == null && firstMemberPresent(room, null).isPresent()) {
                owners.put(room, away(room, null)); // the owner left while Warden was away
            } else if (o != null && o.awaySince() == null && !isPresent(room, o.member())) {
                owners.put(room, away(room, o.member()));
            }
            return null;
        });
    }

    /** If {@code room} has no owner yet, the member present longest becomes it (returned, to be told). */
    Optional<JID> adopt(JID room) {
        return locked(room, () -> {
            if (owners.containsKey(room)) {
                return Optional.empty();
            }
            Optional<JID> first = firstMemberPresent(room, null);
            first.ifPresent(m -> owners.put(room, new Owner(m, null, null)));
            return first;
        });
    }

    Optional<View> view(JID room) {
        Owner o = owners.get(room);
        return o == null ? Optional.empty()
                : Optional.of(new View(Optional.ofNullable(o.member()), Optional.ofNullable(o.awaySince())));
    }

    /** Whether {@code member} owns {@code room} right now (present or within the grace). */
    boolean owns(JID room, JID member) {
        Owner o = owners.get(room);
        return o != null && member.equals(o.member());
    }

    private void handOver(JID room, JID expected) {
        List<Runnable> after = new ArrayList<>();
        locked(room, () -> {
            Owner o = owners.get(room);
            if (o == null || !Objects.equals(o.member(), expected) || o.awaySince() == null) {
                return null; // came back, or superseded
            }
            if (!applies.test(room)) {
                owners.remove(room);
                return null;
            }
            Instant due = o.awaySince().plus(grace);
            Instant now = clock.instant();
            if (now.isBefore(due)) {
                owners.put(room, new Owner(expected, o.awaySince(), schedule(room, expected, Duration.between(now, due))));
                return null;
            }
            Optional<JID> next = firstMemberPresent(room, expected);
            if (next.isPresent()) {
                owners.put(room, new Owner(next.get(), null, null));
                after.add(() -> affiliator.affiliate(room, next.get(), Grant.OWNER));
            } else {
                owners.remove(room);
            }
            if (expected != null) {
                after.add(() -> affiliator.affiliate(room, expected, Grant.MEMBER));
            }
            log.info("ownership of {} passed from {} to {}", room, expected == null ? "an unknown owner" : expected,
                    next.map(JID::toString).orElse("nobody: no member is in the room"));
            return null;
        });
        after.forEach(Runnable::run);
    }

    private Owner away(JID room, JID member) {
        return new Owner(member, clock.instant(), schedule(room, member, grace));
    }

    private ScheduledFuture<?> schedule(JID room, JID member, Duration delay) {
        return scheduler.schedule(() -> {
            try {
                handOver(room, member);
            } catch (RuntimeException e) {
                log.error("hand-over of {} failed", room, e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(Owner o) {
        if (o != null && o.handOver() != null) {
            o.handOver().cancel(false);
        }
    }

    private boolean isPresent(JID room, JID member) {
        return ledger.seats(room).orElse(List.of()).stream()
                .anyMatch(s -> s.occupant().asBareJID().equals(member));
    }

    /** The member whose seat is oldest, other than {@code except}; joins still in progress do not count. */
    private Optional<JID> firstMemberPresent(JID room, JID except) {
        return ledger.seats(room).orElse(List.of()).stream()
                .filter(s -> !s.isReservation() && standings.of(s.occupant()) == Standing.MEMBER)
                .map(s -> s.occupant().asBareJID())
                .filter(m -> !m.equals(except))
                .findFirst();
    }

    private <T> T locked(JID room, Supplier<T> action) {
        Lock lock = locks.get(room);
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
