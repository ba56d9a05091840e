// Breakout bookkeeping in the SQLite store: whole meetings written and read back, deletes, the migration.
package coop.warden.store;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.FakeClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

class SqliteMeetingStoreTest {
    static final JID MAIN = new JID("standup@conference.coop.test");
    static final JID ROOM1 = new JID("standup-1@breakout.coop.test");
    static final JID ROOM2 = new JID("standup-2@breakout.coop.test");
    static final JID BOB = new JID("bob@coop.test");

    @TempDir
    Path dir;

    private SqliteStore open() {
        return SqliteStore.open(dir.resolve("warden.db"), new FakeClock());
    }

    private static MeetingRecord meeting() {
        return new MeetingRecord(MAIN, new JID("alice@coop.test"), Instant.parse("2025-03-01T10:00:00.123Z"),
                Optional.of(Instant.parse("2025-03-01T10:15:00Z")),
                List.of(new BreakoutRoomRecord(ROOM1, "Design", 1, false), new BreakoutRoomRecord(ROOM2, "Ops", 2, true)),
                Map.of(BOB, ROOM1));
    }

    @Test
    void aMeetingIsReadBackAsWrittenAfterAReopen() {
        try (SqliteStore store = open()) {
            new SqliteMeetingStore(store).save(meeting());
        }
        try (SqliteStore store = open()) {
            assertThat(new SqliteMeetingStore(store).meetings()).containsExactly(meeting());
        }
    }

    @Test
    void aSaveReplacesTheWholeMeetingAndADeleteTakesRoomsAndAssignmentsAlong() throws SQLException {
        try (SqliteStore store = open()) {
            SqliteMeetingStore meetings = new SqliteMeetingStore(store);
            meetings.save(meeting());
            MeetingRecord fewer = meeting().withRooms(List.of(new BreakoutRoomRecord(ROOM2, "Ops", 2, false)))
                    .withDeadline(Optional.empty());
            meetings.save(fewer);
            assertThat(meetings.meetings()).containsExactly(fewer);
            assertThat(fewer.assignments()).as("bob's room is gone, so is his assignment").isEmpty();

            meetings.delete(MAIN);
            assertThat(meetings.meetings()).isEmpty();
            meetings.delete(MAIN); // absent is fine
        }
        assertThat(count("breakout_room")).isZero();
        assertThat(count("breakout_assignment")).isZero();
    }

    @Test
    void aVersionTwoStoreIsMigratedKeepingWhatItHeld() throws SQLException {
        for (int i = 0; i < 2; i++) {
            for (String statement : SqliteSchema.MIGRATIONS.get(i).statements()) {
                sql(statement);
            }
        }
        sql("PRAGMA user_version = 2",
                "INSERT INTO room_cap (room, seats) VALUES ('standup@conference.coop.test', 4)");
        try (SqliteStore store = open()) {
            assertThat(store.roomCap(MAIN)).contains(Cap.seats(4));
            SqliteMeetingStore meetings = new SqliteMeetingStore(store);
            meetings.save(meeting());
            assertThat(meetings.meetings()).containsExactly(meeting());
        }
        assertThat(count("meeting")).isEqualTo(1);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private int count(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getInt(1);
        }
    }
}
