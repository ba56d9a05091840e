// Decides room creations and joins, and applies joined/left/destroyed to the ledger.
package coop.warden.rooms;

import coop.warden.metrics.JoinMetrics;
import coop.warden.store.Cap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions behind {@link MucHandlers}. Creation and join share this class: the moderator
 * rules (who may create, who may enter, which affiliation) sit beside the cap check.
 */
final class RoomPolicy {
    private static final Logger log = LoggerFactory.getLogger(RoomPolicy.class);

    private final CapPolicy caps;
    private final RoomLedger ledger;
    private final MucSync sync;
    private final Classifier classifier;
    private final ModeratorRules rules;
    private final JoinMetrics joins;
    private volatile RoomGate gate = RoomGate.NONE;

    RoomPolicy(CapPolicy caps, RoomLedger ledger, MucSync sync, Classifier classifier, ModeratorRules rules,
               JoinMetrics joins) {
        this.caps = Objects.requireNonNull(caps);
        this.ledger = Objects.requireNonNull(ledger);
        this.sync = Objects.requireNonNull(sync);
        this.classifier = Objects.requireNonNull(classifier);
        this.rules = Objects.requireNonNull(rules);
        this.joins = Objects.requireNonNull(joins);
    }

    /** Installs the breakout rules (see RoomsModule#useGate). */
    void use(RoomGate newGate) {
        this.gate = Objects.requireNonNull(newGate);
    }

    /**
     * Guests never create a room; in a `listed` room only its listed moderators do; on a breakout
     * host only the rooms a meeting opened (the gate).
     */
    CompletionStage<Decision> create(MucRequest r) {
        Optional<Decision.Refused> refusal = gate.create(r.room(), r.occupant(), classifier.classify(r.occupant()))
                .map(RoomPolicy::refusal).or(() -> rules.refuseCreate(r));
        if (refusal.isPresent()) {
            log.info("refused creation of {} for {}: {}", r.room(), r.occupant().toBareJID(), refusal.get().reason());
            return CompletableFuture.completedFuture(refusal.get());
        }
        return CompletableFuture.completedFuture(Decision.ALLOW);
    }

    /** Waits for the host's sync when one is under way, then decides against the cap. */
    CompletionStage<Decision> join(MucRequest r) {
        CompletableFuture<Boolean> ready = sync.whenReady(r.host());
        if (ready.isDone()) {
            return CompletableFuture.completedFuture(decideJoin(r, ready.join()));
        }
        return ready.thenApply(synced -> decideJoin(r, synced));
    }

    Decision decideJoin(MucRequest r, boolean synced) {
        // With meeting-wide caps, a meeting's main room and breakout rooms share the main room's cap.
        Optional<RoomGate.CapScope> scope = gate.capScope(r.room());
        Cap cap = caps.forRoom(scope.map(RoomGate.CapScope::capRoom).orElse(r.room())).cap();
        if (!synced && cap.limit().isPresent() && classifier.classify(r.occupant()) == OccupantKind.PERSON) {
            return refused(r, Decision.notReady(), "not_ready");
        }
        Optional<RoomGate.Refusal> barred = gate.join(r.room(), r.occupant(), classifier.classify(r.occupant()));
        if (barred.isPresent()) {
            return refused(r, refusal(barred.get()), "breakout");
        }
        Optional<Decision.Refused> waiting = rules.refuseJoin(r);
        if (waiting.isPresent()) {
            return refused(r, waiting.get(), "rules");
        }
        Admission admission = scope.isPresent()
                ? ledger.reserve(r.room(), r.occupant(), r.nick(), cap, scope.get())
                : ledger.reserve(r.room(), r.occupant(), r.nick(), cap);
        if (admission instanceof Admission.Full full) {
            return refused(r, Decision.full(full), "full");
        }
        if (admission instanceof Admission.Admitted a && a.overCap()) {
            log.info("admin {} joined {} past its cap of {}", r.occupant().toBareJID(), r.room(), cap.wire());
        }
        joins.allowed();
        return Decision.allow(rules.grant(r));
    }

    void joined(MucRequest r) {
        sync.record(r.host(), MucSync.EventKind.JOINED, r.room(), r.occupant(), r.nick());
        ledger.confirm(r.room(), r.occupant(), r.nick());
        gate.joined(r.room(), r.occupant(), classifier.classify(r.occupant()));
    }

    void left(MucRequest r) {
        sync.record(r.host(), MucSync.EventKind.LEFT, r.room(), r.occupant(), r.nick());
        ledger.release(r.room(), r.occupant(), r.nick());
        rules.left(r);
        gate.left(r.room(), r.occupant(), classifier.classify(r.occupant()));
    }

    void destroyed(MucRequest r) {
        sync.record(r.host(), MucSync.EventKind.DESTROYED, r.room(), null, null);
        rules.destroyed(r.room());
        ledger.drop(r.room());
        gate.destroyed(r.room(), r.emptied());
    }

    private static Decision.Refused refusal(RoomGate.Refusal g) {
        return new Decision.Refused(g.error(), g.text(), null, g.reason());
    }

    /** {@code metric}: the reason as the metrics count it (a fixed word, never a name). */
    private Decision refused(MucRequest r, Decision.Refused refusal, String metric) {
        joins.refused(metric);
        log.info("refused join to {} for {}: {}", r.room(), r.occupant().toBareJID(), refusal.reason());
        return refusal;
    }
}
