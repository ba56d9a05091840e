// Composition of room policy: caps, moderator rules, the seat ledger, the sync, the MUC handlers, the admin API.
package coop.warden.rooms;

import com.typesafe.config.Config;
import coop.warden.store.PolicyStore;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqRequester;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Wires the rooms feature from {@code warden.muc}, {@code warden.rules} and {@code warden.admins}. Register
 * {@link #handlers()} with the IQ router, call {@link #onLinkUp()} after every (re)connect, hand
 * {@link #admin()} to the admin commands, and {@link #close()} on shutdown. The constructor
 * schedules the periodic sweep of expired reservations on {@code scheduler}.
 */
public final class RoomsModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomsModule.class);

    private final Admins admins;
    private final RoomLedger ledger;
    private final MucSync sync;
    private final List<IqHandler> handlers;
    private final RoomAdmin admin;
    private final RulesAdmin rulesAdmin;
    private final ScheduledFuture<?> sweeper;

    public RoomsModule(Config root, PolicyStore store, Clock clock, IqRequester requester,
                       ScheduledExecutorService scheduler) {
        Objects.requireNonNull(store);
        MucConfig config = MucConfig.from(root);
        this.admins = Admins.from(root);
        Classifier classifier = new Classifier(admins, config.exempt());
        CapPolicy caps = new CapPolicy(store, config.defaultCap());
        this.ledger = new RoomLedger(clock, config.reservationTimeout(), classifier);
        RulesConfig rulesConfig = RulesConfig.from(root);
        Standings standings = new Standings(admins, config.exempt(), rulesConfig.memberDomains());
        MucAffiliator affiliator = new MucAffiliator(requester, config.syncTimeout());
        ModeratorRules rules = new ModeratorRules(rulesConfig, store, standings, ledger, clock, scheduler, affiliator);
        this.sync = new MucSync(config.hosts(), ledger, requester, scheduler, config.syncTimeout(), rules::synced);
        this.handlers = MucHandlers.create(config.hosts(), new RoomPolicy(caps, ledger, sync, classifier, rules));
        this.admin = new RoomAdmin(config.hosts(), store, caps, ledger);
        this.rulesAdmin = new RulesAdmin(admin, store, rules, ledger, affiliator);
        long every = config.reservationTimeout().toMillis();
        this.sweeper = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        if (config.hosts().isEmpty()) {
            log.warn("warden.muc.hosts is empty: Warden decides no room joins");
        }
    }

    /** The IQ handlers for {@code urn:warden:muc:1} create, join, joined, left and destroyed. */
    public List<IqHandler> handlers() {
        return handlers;
    }

    /** Starts rebuilding the seat ledger from every MUC host; call after each (re)connect. */
    public void onLinkUp() {
        sync.start();
    }

    public RoomAdmin admin() {
        return admin;
    }

    /** The moderator-rules API for the admin commands. */
    public RulesAdmin rulesAdmin() {
        return rulesAdmin;
    }

    /** {@code warden.admins}, for the admin commands' access check. */
    public Admins admins() {
        return admins;
    }

    /** For tests: completes once {@code host}'s current sync is done (true) or has failed (false). */
    CompletableFuture<Boolean> whenSynced(JID host) {
        return sync.whenReady(host);
    }

    private void sweep() {
        try {
            ledger.sweep();
        } catch (RuntimeException e) {
            log.error("reservation sweep failed", e);
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
    }
}
