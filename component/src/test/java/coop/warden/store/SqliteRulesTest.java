package coop.warden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.warden.rooms.FakeClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

/** Moderator rules in the SQLite store: rule sets, moderator lists, the change log, the migration. */
class SqliteRulesTest {
    static final JID ADMIN = new JID("admin@coop.test");
    static final JID ROOM = new JID("meeting@conference.coop.test");
    static final JID ALICE = new JID("alice@coop.test");
    static final JID BOB = new JID("bob@coop.test");

    @TempDir
    Path dir;
    final FakeClock clock = new FakeClock();

    private SqliteStore open() {
        return SqliteStore.open(dir.resolve("warden.db"), clock);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void roomRuleSetsAndTheDefaultAreStoredLoggedAndSurviveAReopen() {
        try (SqliteStore store = open()) {
            assertThat(store.setRoomRules(ROOM, Optional.of(RuleSet.LISTED), ADMIN))
                    .isEqualTo(new Change<>(Optional.empty(), Optional.of(RuleSet.LISTED)));
            store.setDefaultRules(Optional.of(RuleSet.FIRST_MEMBER_OWNS), ADMIN);
            assertThat(store.roomRules(ROOM)).contains(RuleSet.LISTED);
            assertThat(store.roomRules()).containsOnlyKeys(ROOM);
        }
        try (SqliteStore store = open()) {
            assertThat(store.roomRules(ROOM)).contains(RuleSet.LISTED);
            assertThat(store.defaultRules()).contains(RuleSet.FIRST_MEMBER_OWNS);
            store.setRoomRules(ROOM, Optional.empty(), ADMIN);
            store.setDefaultRules(Optional.empty(), ADMIN);
            assertThat(store.roomRules(ROOM)).isEmpty();
            assertThat(store.defaultRules()).isEmpty();

            List<ChangeLogEntry> log = store.recentChanges(10);
            assertThat(log).extracting(ChangeLogEntry::action).containsExactly(
                    "clear-default-rules", "clear-room-rules", "set-default-rules", "set-room-rules");
            assertThat(log.get(3).room()).isEqualTo(ROOM);
            assertThat(log.get(3).oldValue()).isNull();
            assertThat(log.get(3).newValue()).isEqualTo("listed");
            assertThat(log.get(2).roomIfAny()).isEmpty();
            assertThat(log.get(1).oldValue()).isEqualTo("listed");
            assertThat(log.get(1).newValue()).isNull();
        }
    }

    @Test
    void aModeratorListIsReplacedAsAWholeAndLoggedSorted() {
        try (SqliteStore store = open()) {
            Change<Set<JID>> first = store.setModerators(ROOM, Set.of(BOB, ALICE), new JID("admin@coop.test/laptop"));
            assertThat(first.before()).isEmpty();
            assertThat(store.moderators(ROOM)).containsExactly(ALICE, BOB);
            assertThat(store.moderators(new JID("other@conference.coop.test"))).isEmpty();

            store.setModerators(ROOM, Set.of(BOB), ADMIN);
            store.setModerators(ROOM, Set.of(), ADMIN);
            assertThat(store.moderators(ROOM)).isEmpty();
            assertThat(store.moderatorLists()).isEmpty();

            List<ChangeLogEntry> log = store.recentChanges(10);
            assertThat(log).extracting(ChangeLogEntry::action).containsOnly("set-room-moderators");
            assertThat(log).extracting(ChangeLogEntry::oldValue)
                    .containsExactly("bob@coop.test", "alice@coop.test, bob@coop.test", null);
            assertThat(log).extracting(ChangeLogEntry::newValue)
                    .containsExactly(null, "bob@coop.test", "alice@coop.test, bob@coop.test");
            assertThat(log.get(2).actor()).isEqualTo(ADMIN);
        }
    }

    @Test
    void settingWhatIsAlreadySetChangesAndLogsNothing() {
        try (SqliteStore store = open()) {
            store.setRoomRules(ROOM, Optional.of(RuleSet.LISTED), ADMIN);
            store.setModerators(ROOM, Set.of(ALICE), ADMIN);
            assertThat(store.setRoomRules(ROOM, Optional.of(RuleSet.LISTED), ADMIN).changed()).isFalse();
            assertThat(store.setModerators(ROOM, Set.of(ALICE), ADMIN).changed()).isFalse();
            assertThat(store.setDefaultRules(Optional.empty(), ADMIN).changed()).isFalse();
            assertThat(store.recentChanges(10)).hasSize(2);
        }
    }

    @Test
    void aVersionOneStoreIsMigratedKeepingItsCapsAndLog() throws SQLException {
        for (String statement : SqliteSchema.MIGRATIONS.get(0).statements()) {
            sql(statement);
        }
        sql("PRAGMA user_version = 1",
                "INSERT INTO room_cap (room, seats) VALUES ('meeting@conference.coop.test', 4)",
                "INSERT INTO change_log (at_ms, actor, action, room, old_value, new_value)"
                        + " VALUES (0, 'admin@coop.test', 'set-room-cap', 'meeting@conference.coop.test', NULL, '4')");
        try (SqliteStore store = open()) {
            assertThat(store.roomCap(ROOM)).contains(Cap.seats(4));
            assertThat(store.recentChanges(10)).hasSize(1);
            store.setRoomRules(ROOM, Optional.of(RuleSet.MEMBERS_MODERATE), ADMIN);
            assertThat(store.roomRules(ROOM)).contains(RuleSet.MEMBERS_MODERATE);
        }
    }

    @Test
    void anUnknownRuleSetInTheFileIsAClearErrorNamingTheRow() throws SQLException {
        open().close();
        sql("INSERT INTO room_rules (room, rule_set) VALUES ('meeting@conference.coop.test', 'anarchy')");
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining("unknown rule set 'anarchy'").hasMessageContaining("room_rules");
    }
}
