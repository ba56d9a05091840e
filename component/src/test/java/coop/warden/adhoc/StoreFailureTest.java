package coop.warden.adhoc;

import static coop.warden.adhoc.AdhocFixture.note;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.RoomsFixture;
import coop.warden.rooms.Stanzas;
import coop.warden.store.Cap;
import coop.warden.store.StoreFaults;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

/**
 * Issue 6, "store unwritable" at run time: an admin's change gets a clear error and nothing of it
 * is kept, the rest of Warden goes on with the policy it has, and the next change works once the
 * store can be written again, without a restart.
 */
class StoreFailureTest {
    static final JID MEETING = new JID("meeting@conference.coop.test");

    @TempDir
    Path dir;
    AdhocFixture f;
    AdhocHandler handler;

    @BeforeEach
    void start() throws Exception {
        f = AdhocFixture.open(dir, "warden.muc.default-cap = 10");
        f.rooms.sync("");
        List<AdhocCommand> commands = new ArrayList<>(CapCommands.all(f.rooms.module.admin()));
        commands.addAll(RuleCommands.all(f.rooms.module.rulesAdmin()));
        handler = new AdhocHandler(f.rooms.module.admins(), commands, f.rooms.clock);
        note(submit("warden#set-room-cap", Map.of("room", MEETING.toString(), "cap", "2")));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private IqOutcome send(String node, String action, String sessionId, String payload) throws Exception {
        String xml = "<iq type='set' id='c1' from='" + AdhocFixture.ADMIN + "' to='warden.coop.test'><command xmlns='"
                + AdhocFixture.NS + "' node='" + node + "' action='" + action + "'"
                + (sessionId == null ? "" : " sessionid='" + sessionId + "'") + ">" + (payload == null ? "" : payload)
                + "</command></iq>";
        return handler.handle(Stanzas.iq(xml)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code node} as the admin: execute, then submit {@code values}. */
    private IqOutcome submit(String node, Map<String, String> values) throws Exception {
        Element executing = AdhocFixture.command(send(node, "execute", null, null));
        assertThat(executing.attributeValue("status")).isEqualTo("executing");
        return send(node, "complete", executing.attributeValue("sessionid"), AdhocFixture.form(values));
    }

    private static void assertNotSaved(IqOutcome out) {
        assertThat(out).isInstanceOf(IqOutcome.Failure.class);
        IqOutcome.Failure failure = (IqOutcome.Failure) out;
        assertThat(failure.condition()).isEqualTo(ErrorCondition.INTERNAL_SERVER_ERROR);
        assertThat(failure.text()).startsWith("The change could not be saved, so nothing changed: ")
                .contains("warden.db");
    }

    @Test
    void aReadOnlyStoreRefusesChangesClearlyWhileJoinsAndReadsGoOnAndWritesResumeAfter() throws Exception {
        int logged = f.store.recentChanges(100).size();
        StoreFaults.readOnly(f.store, true);

        IqOutcome refused = submit("warden#set-room-cap", Map.of("room", MEETING.toString(), "cap", "5"));
        assertNotSaved(refused);
        assertThat(((IqOutcome.Failure) refused).text()).contains("cannot be written")
                .contains("file system is not mounted read-only");
        assertNotSaved(submit("warden#set-default-cap", Map.of("cap", "3")));
        assertNotSaved(submit("warden#set-room-rules", Map.of("room", MEETING.toString(), "rules", "listed")));
        assertThat(f.store.roomCap(MEETING)).contains(Cap.seats(2));
        assertThat(f.store.defaultCap()).isEmpty();
        assertThat(f.store.roomRules(MEETING)).isEmpty();
        assertThat(f.store.recentChanges(100)).hasSize(logged);
        assertThat(f.rooms.requester.nothingPending()).as("no affiliation sent for a rule change not made").isTrue();

        // The rest of Warden goes on with what it has: reads, and joins decided against the cap of 2.
        assertThat(note(submit("warden#show-room", Map.of("room", MEETING.toString())))).contains("2 people");
        assertThat(RoomsFixture.allowed(f.rooms.join("meeting", "alice"))).isTrue();
        assertThat(RoomsFixture.allowed(f.rooms.join("meeting", "bob"))).isTrue();
        assertThat(f.rooms.join("meeting", "carol").elementText("text")).isEqualTo("This meeting is full (2 of 2).");

        StoreFaults.readOnly(f.store, false);
        assertThat(note(submit("warden#set-room-cap", Map.of("room", MEETING.toString(), "cap", "5"))))
                .contains("5 people");
        assertThat(f.store.roomCap(MEETING)).contains(Cap.seats(5));
        assertThat(RoomsFixture.allowed(f.rooms.join("meeting", "carol"))).isTrue();
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingOfTheChangeInTheFileOrInMemory() throws Exception {
        StoreFaults.failChangeLog(f.store, true);
        assertNotSaved(submit("warden#set-room-cap", Map.of("room", MEETING.toString(), "cap", "7")));
        assertNotSaved(submit("warden#set-room-moderators", Map.of("room", MEETING.toString(),
                "moderators", "alice@coop.test")));

        assertThat(f.store.roomCap(MEETING)).contains(Cap.seats(2));
        assertThat(f.store.moderators(MEETING)).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement();
             ResultSet caps = s.executeQuery("SELECT seats FROM room_cap WHERE room = '" + MEETING + "'")) {
            assertThat(caps.next()).isTrue();
            assertThat(caps.getInt(1)).as("the cap in the file").isEqualTo(2);
        }
        StoreFaults.failChangeLog(f.store, false);
        assertThat(f.store.recentChanges(100)).extracting(e -> e.action() + " " + e.newValue())
                .containsExactly("set-room-cap 2");
    }
}
