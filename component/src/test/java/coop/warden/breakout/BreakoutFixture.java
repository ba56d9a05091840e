// The breakout bookkeeping wired as BreakoutModule wires it, over fakes: clock, store, ledger view, Prosody.
package coop.warden.breakout;

import coop.warden.rooms.Admins;
import coop.warden.rooms.FakeClock;
import coop.warden.rooms.OccupantKind;
import coop.warden.rooms.Seat;
import coop.warden.store.MeetingRecord;
import coop.warden.store.MeetingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

final class BreakoutFixture {
    static final String HOST = "breakout.coop.test";
    static final JID MAIN = new JID("standup@conference.coop.test");
    static final JID ALICE = new JID("alice@coop.test/laptop");
    static final JID BOB = new JID("bob@coop.test/phone");
    static final JID CAROL = new JID("carol@coop.test/web");
    static final JID DAVE = new JID("dave@coop.test/pc");
    static final JID ADMIN = new JID("admin@coop.test/desk");
    static final JID FOCUS = new JID("focus@coop.test/jicofo");

    static final Duration MOVE_GRACE = Duration.ofMinutes(1);

    static BreakoutConfig config(int maxRooms, boolean meetingWide) {
        return new BreakoutConfig(List.of(new JID(HOST)), maxRooms, Duration.ofMinutes(10), meetingWide,
                Duration.ofSeconds(5), Duration.ofHours(24), MOVE_GRACE);
    }

    /** Meetings kept in a map, as SQLite would keep them (whole records). */
    static final class MemoryMeetingStore implements MeetingStore {
        final Map<JID, MeetingRecord> rows = new ConcurrentHashMap<>();
        int writes;

        @Override
        public List<MeetingRecord> meetings() {
            return List.copyOf(rows.values());
        }

        @Override
        public void save(MeetingRecord meeting) {
            writes++;
            rows.put(meeting.mainRoom(), meeting);
        }

        @Override
        public void delete(JID mainRoom) {
            writes++;
            rows.remove(mainRoom);
        }
    }

    /** What the seat ledger would say; a test seats and unseats people by hand. */
    static final class FakeOccupancy implements Occupancy {
        final Map<JID, Map<JID, Seat>> rooms = new ConcurrentHashMap<>();
        final Set<JID> synced = ConcurrentHashMap.newKeySet();

        FakeOccupancy() {
            synced.add(new JID(HOST));
            synced.add(new JID("conference.coop.test"));
        }

        void enter(JID room, JID occupant) {
            OccupantKind kind = occupant.getNode().equals("focus") ? OccupantKind.SERVICE
                    : occupant.getNode().equals("admin") ? OccupantKind.ADMIN : OccupantKind.PERSON;
            rooms.computeIfAbsent(room, k -> new LinkedHashMap<>())
                    .put(occupant, new Seat(occupant, new JID(room.getNode(), room.getDomain(), occupant.getNode()), kind,
                            null));
        }

        /** A join Warden allowed and Prosody has not confirmed yet. */
        void reserve(JID room, JID occupant) {
            rooms.computeIfAbsent(room, k -> new LinkedHashMap<>()).put(occupant, new Seat(occupant,
                    new JID(room.getNode(), room.getDomain(), occupant.getNode()), OccupantKind.PERSON,
                    java.time.Instant.parse("2030-01-01T00:00:00Z")));
        }

        void leave(JID room, JID occupant) {
            rooms.getOrDefault(room, new LinkedHashMap<>()).remove(occupant);
        }

        @Override
        public List<Seat> seats(JID room) {
            return List.copyOf(rooms.getOrDefault(room, Map.of()).values());
        }

        @Override
        public boolean synced(JID host) {
            return synced.contains(host);
        }
    }

    /** Prosody as the driver sees it: answers at once with {@link #answer}, and records every call. */
    static final class FakeDriver implements MucDriver {
        record Call(String what, JID room, String detail, JID alternate) {}

        record Invitation(JID to, JID room, String reason) {}

        final List<Call> calls = new ArrayList<>();
        final List<Invitation> invitations = new ArrayList<>();
        volatile Result answer = Result.DONE;

        @Override
        public synchronized CompletableFuture<Result> createRoom(JID room, String name) {
            calls.add(new Call("create", room, name, null));
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public synchronized CompletableFuture<Result> renameRoom(JID room, String name) {
            calls.add(new Call("rename", room, name, null));
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public synchronized CompletableFuture<Result> destroyRoom(JID room, String reason, JID alternate) {
            calls.add(new Call("destroy", room, reason, alternate));
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public synchronized void invite(JID to, JID room, String reason) {
            invitations.add(new Invitation(to, room, reason));
        }

        synchronized List<Call> calls(String what) {
            return calls.stream().filter(c -> c.what().equals(what)).toList();
        }

        synchronized void clear() {
            calls.clear();
            invitations.clear();
        }
    }

    /** What the moderator rules would grant, by hand: (main room, bare JID) pairs. */
    static final class ListedModerators implements Moderators {
        final Set<String> pairs = new HashSet<>();

        void add(JID main, JID person) {
            pairs.add(main.toBareJID() + " " + person.toBareJID());
        }

        @Override
        public boolean isModerator(JID mainRoom, JID person) {
            return pairs.contains(mainRoom.toBareJID() + " " + person.toBareJID());
        }
    }

    final FakeClock clock = new FakeClock();
    final MemoryMeetingStore store;
    final FakeOccupancy occupancy = new FakeOccupancy();
    final FakeDriver driver = new FakeDriver();
    final ListedModerators moderators = new ListedModerators();
    final BreakoutConfig config;
    final Meetings meetings;
    final Roster roster;
    final Housekeeper housekeeper;
    final ProsodyRooms prosody;
    final BreakoutGate gate;
    final BreakoutService service;
    final MainRooms mainRooms;

    BreakoutFixture() {
        this(config(4, true), new MemoryMeetingStore());
    }

    /** A fresh Warden over {@code store}, as after a restart. */
    BreakoutFixture(BreakoutConfig config, MemoryMeetingStore store) {
        this.config = config;
        this.roster = new Roster(clock, config.moveGrace());
        this.store = store;
        this.meetings = new Meetings(store);
        Participation participation = new Participation(occupancy, roster);
        Invitations invitations = new Invitations(driver, occupancy);
        this.housekeeper = new Housekeeper(config, meetings, occupancy, invitations, roster, clock);
        this.prosody = new ProsodyRooms(driver, clock, housekeeper::gone);
        housekeeper.use(prosody);
        Moderators byRules = new RulesModerators(moderators::isModerator, meetings, participation);
        this.gate = new BreakoutGate(config, meetings, roster, byRules, participation, housekeeper);
        this.service = new BreakoutService(config, meetings, occupancy, Admins.of(List.of("admin@coop.test")),
                byRules, roster, housekeeper, prosody, invitations, clock);
        this.mainRooms = new MainRooms(Set.of(new JID("conference.coop.test"), new JID(HOST)), config);
        moderators.add(MAIN, ALICE);
    }

    /** Alice (moderator), bob and carol in the main room. */
    BreakoutFixture withMeetingUnderWay() {
        occupancy.enter(MAIN, ALICE);
        occupancy.enter(MAIN, BOB);
        occupancy.enter(MAIN, CAROL);
        return this;
    }

    MeetingStatus open(int count) {
        return service.open(ALICE, MAIN, OpenRequest.of(Optional.of(count), List.of(),
                Optional.empty(), config.maxRooms()));
    }

    JID room(int number) {
        return meetings.byMain(MAIN).orElseThrow().rooms().get(number - 1).room();
    }
}
