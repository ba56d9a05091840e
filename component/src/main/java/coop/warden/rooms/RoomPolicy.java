// Decides room creations and joins, and applies joined/left/destroyed to the ledger.
package coop.warden.rooms;

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

    RoomPolicy(CapPolicy caps, RoomLedger ledger, MucSync sync, Classifier classifier, ModeratorRules rules) {
        this.caps = Objects.requireNonNull(caps);
        this.ledger = Objects.requireNonNull(ledger);
        this.sync = Objects.requireNonNull(sync);
        this.classifier = Objects.requireNonNull(classifier);
        this.rules = Objects.requireNonNull(rules);
    }

    /** Guests never create a room; in a `listed` room only its listed moderators do. */
    CompletionStage<Decision> create(MucRequest r) {
        Optional<Decision.Refused> refusal = rules.refuseCreate(r);
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
        Cap cap = caps.forRoom(r.room()).cap();
        if (!synced && cap.limit().isPresent() && classifier.classify(r.occupant()) == OccupantKind.PERSON) {
            return refused(r, Decision.notReady());
        }
        Optional<Decision.Refused> waiting = rules.refuseJoin(r);
        if (waiting.isPresent()) {
            return refused(r, waiting.get());
        }
        Admission admission = ledger.reserve(r.room(), r.occupant(), r.nick(), cap);
        if (admission instanceof Admission.Full full) {
            return refused(r, Decision.full(full));
        }
        if (admission instanceof Admission.Admitted a && a.overCap()) {
            log.info("admin {} joined {} past its cap of {}", r.occupant().toBareJID(), r.room(), cap.wire());
        }
        return Decision.allow(rules.grant(r));
    }

    void joined(MucRequest r) {
        sync.record(r.host(), MucSync.EventKind.JOINED, r.room(), r.occupant(), r.nick());
        ledger.confirm(r.room(), r.occupant(), r.nick());
    }

    void left(MucRequest r) {
        sync.record(r.host(), MucSync.EventKind.LEFT, r.room(), r.occupant(), r.nick());
        ledger.release(r.room(), r.occupant(), r.nick());
        rules.left(r);
    }

    void destroyed(MucRequest r) {
        sync.record(r.host(), MucSync.EventKind.DESTROYED, r.room(), null, null);
        rules.destroyed(r.room());
        ledger.drop(r.room());
    }

    private static Decision refused(MucRequest r, Decision.Refused refusal) {
        log.info("refused join to {} for {}: {}", r.room(), r.occupant().toBareJID(), refusal.reason());
        return refusal;
    }
}
