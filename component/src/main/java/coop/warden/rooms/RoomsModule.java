// Composition of room policy: caps, moderator rules, the seat ledger, the sync, the MUC handlers, the admin API.
package coop.warden.rooms;

import com.typesafe.config.Config;
import coop.warden.metrics.JoinMetrics;
import coop.warden.store.PolicyStore;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqRequester;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
    private final ModeratorRules rules;
    private final RoomPolicy policy;
    private final Set<JID> hosts;
    private final ScheduledFuture<?> sweeper;

    public RoomsModule(Config root, PolicyStore store, Clock clock, IqRequester requester,
                       ScheduledExecutorService scheduler) {
        this(root, store, clock, requester, scheduler, JoinMetrics.unregistered());
    }

    /** {@code joins}: where join decisions are counted for the metrics endpoint. */
    public RoomsModule(Config root, PolicyStore store, Clock clock, IqRequester requester,
                       ScheduledExecutorService scheduler, JoinMetrics joins) {
        Objects.requireNonNull(store);
        MucConfig config = MucConfig.from(root);
        this.admins = Admins.from(root);
        Classifier classifier = new Classifier(admins, config.exempt());
        CapPolicy caps = new CapPolicy(store, config.defaultCap());
        this.ledger = new RoomLedger(clock, config.reservationTimeout(), classifier);
        RulesConfig rulesConfig = RulesConfig.from(root);
        Standings standings = new Standings(admins, config.exempt(), rulesConfig.memberDomains());
        MucAffiliator affiliator = new MucAffiliator(requester, config.syncTimeout());
        this.rules = new ModeratorRules(rulesConfig, store, standings, ledger, clock, scheduler, affiliator);
        this.sync = new MucSync(config.hosts(), ledger, requester, scheduler, config.syncTimeout(), rules::synced);
        this.policy = new RoomPolicy(caps, ledger, sync, classifier, rules, joins);
        this.handlers = MucHandlers.create(config.hosts(), policy);
        this.hosts = config.hosts();
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

    /** Installs the breakout rules (RoomGate.NONE until then); call once, before the link starts. */
    public void useGate(RoomGate gate) {
        policy.use(gate);
    }

    /** Everyone holding a seat in {@code room} (joined, or still joining), as the ledger has it. */
    public List<Seat> seats(JID room) {
        return ledger.seats(room).orElse(List.of());
    }

    /** Whether {@code host}'s occupants are synced, so the ledger's view of its rooms is Prosody's. */
    public boolean synced(JID host) {
        return hosts.contains(host) && Boolean.TRUE.equals(sync.whenReady(host).getNow(false));
    }

    /** Whether the moderator rules make {@code person} a moderator (owner) of {@code room} now. */
    public boolean grantsModerator(JID room, JID person) {
        return rules.wouldGrant(room, person) == Grant.OWNER;
    }

    /** Rooms among {@code which} in which someone holds a seat (for the metrics). */
    public int occupiedRooms(Predicate<JID> which) {
        int n = 0;
        for (JID room : ledger.rooms()) {
            if (which.test(room) && !ledger.seats(room).map(List::isEmpty).orElse(true)) {
                n++;
            }
        }
        return n;
    }

    /** People holding seats, as counted against caps: service accounts excluded (for the metrics). */
    public int countedOccupants() {
        int n = 0;
        for (JID room : ledger.rooms()) {
            n += ledger.counted(room);
        }
        return n;
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
