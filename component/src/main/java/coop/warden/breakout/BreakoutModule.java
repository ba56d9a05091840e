// Composition of breakout rooms: bookkeeping, the join-path gate, moderator commands and IQs, housekeeping.
package coop.warden.breakout;

import com.typesafe.config.Config;
import coop.warden.adhoc.AdhocCommand;
import coop.warden.rooms.RoomGate;
import coop.warden.rooms.RoomsModule;
import coop.warden.rooms.Seat;
import coop.warden.store.MeetingStore;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqRequester;
import coop.warden.xmpp.StanzaSender;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Wires the breakout feature from {@code warden.breakout}. Install {@link #gate()} in the rooms
 * module, register {@link #handlers()} with the IQ router and {@link #commands()} with the ad-hoc
 * handler, call {@link #onLinkUp()} after every (re)connect and {@link #close()} on shutdown.
 * With no breakout hosts configured it offers nothing and its gate changes nothing.
 */
public final class BreakoutModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BreakoutModule.class);

    private final BreakoutConfig config;
    private final ScheduledExecutorService scheduler;
    private final Housekeeper housekeeper;
    private final ProsodyRooms prosody;
    private final BreakoutGate gate;
    private final List<IqHandler> handlers;
    private final List<AdhocCommand> commands;
    private final ScheduledFuture<?> ticker;

    public BreakoutModule(Config root, RoomsModule rooms, MeetingStore store, Clock clock, IqRequester requester,
                          StanzaSender sender, ScheduledExecutorService scheduler) {
        Objects.requireNonNull(rooms);
        Set<JID> mucHosts = new LinkedHashSet<>();
        rooms.admin().mucHosts().forEach(h -> mucHosts.add(new JID(h)));
        this.config = BreakoutConfig.from(root, mucHosts);
        this.scheduler = Objects.requireNonNull(scheduler);
        Occupancy occupancy = new Occupancy() {
            @Override
            public List<Seat> seats(JID room) {
                return rooms.seats(room);
            }

            @Override
            public boolean synced(JID host) {
                return rooms.synced(host);
            }
        };
        Meetings meetings = new Meetings(store);
        Roster roster = new Roster(clock, config.moveGrace());
        Participation participation = new Participation(occupancy, roster);
        Moderators moderators = new RulesModerators(rooms::grantsModerator, meetings, participation);
        MucDriver driver = new ProsodyDriver(requester, sender, config.requestTimeout(), scheduler);
        Invitations invitations = new Invitations(driver, occupancy);
        this.housekeeper = new Housekeeper(config, meetings, occupancy, invitations, roster, clock);
        this.prosody = new ProsodyRooms(driver, clock, housekeeper::gone);
        housekeeper.use(prosody);
        this.gate = new BreakoutGate(config, meetings, roster, moderators, participation, housekeeper);
        BreakoutService service = new BreakoutService(config, meetings, occupancy, rooms.admins(), moderators,
                roster, housekeeper, prosody, invitations, clock);
        MainRooms mainRooms = new MainRooms(mucHosts, config);
        if (config.enabled()) {
            this.handlers = BreakoutIqHandlers.create(service, mainRooms, config);
            this.commands = BreakoutCommands.all(service, mainRooms, config);
            this.ticker = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
            log.info("breakout rooms on {}; {} meeting(s) restored from the store", config.hosts(),
                    meetings.list().size());
        } else {
            this.handlers = List.of();
            this.commands = List.of();
            this.ticker = null;
        }
    }

    /** What RoomPolicy consults; {@link RoomGate#NONE} when breakout rooms are not configured. */
    public RoomGate gate() {
        return config.enabled() ? gate : RoomGate.NONE;
    }

    /** The {@code urn:warden:breakout:1} request handlers for web clients. */
    public List<IqHandler> handlers() {
        return handlers;
    }

    /** What the component's disco#info adds: {@code urn:warden:breakout:1} when breakout rooms are on. */
    public List<String> features() {
        return config.enabled() ? List.of(BreakoutWire.NAMESPACE) : List.of();
    }

    /** The breakout ad-hoc commands (open to moderators, not only admins). */
    public List<AdhocCommand> commands() {
        return commands;
    }

    /** After each (re)connect: Prosody may have restarted, so breakout rooms are checked and re-created. */
    public void onLinkUp() {
        if (config.enabled()) {
            prosody.linkUp();
            scheduler.execute(this::tick);
        }
    }

    private void tick() {
        try {
            housekeeper.tick();
        } catch (RuntimeException e) {
            log.error("breakout housekeeping failed", e);
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
