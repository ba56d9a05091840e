// The SQL behind moderator rules in SqliteStore: the default rule set, room rule sets, moderator lists.
package coop.warden.store;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * Static helpers that run inside {@link SqliteStore}'s lock and transactions. Rule-set names are
 * checked when read: a name this Warden does not know stops it with the row to fix, rather than
 * silently deciding rooms by another rule set.
 */
final class SqliteRules {
    static final String DEFAULT_RULES_SETTING = "rules.default";

    /** The cached view of every rule setting. */
    record Snapshot(Optional<RuleSet> defaultRules, ImmutableMap<JID, RuleSet> roomRules,
                    ImmutableMap<JID, Set<JID>> moderators) {}

    /** Appends one change-log row in the caller's transaction. */
    @FunctionalInterface
    interface Log {
        void append(String action, JID room, String oldValue, String newValue) throws SQLException;
    }

    private SqliteRules() {}

    static Change<Optional<RuleSet>> setDefault(Connection c, Path file, Optional<RuleSet> rules, Log log)
            throws SQLException {
        Change<Optional<RuleSet>> change = new Change<>(readDefault(c, file), rules);
        if (change.changed()) {
            writeDefault(c, rules);
            log.append(rules.isPresent() ? ChangeAction.SET_DEFAULT_RULES : ChangeAction.CLEAR_DEFAULT_RULES, null,
                    wire(change.before()), wire(rules));
        }
        return change;
    }

    static Change<Optional<RuleSet>> setRoom(Connection c, Path file, JID room, Optional<RuleSet> rules, Log log)
            throws SQLException {
        Change<Optional<RuleSet>> change = new Change<>(readRoom(c, room, file), rules);
        if (change.changed()) {
            writeRoom(c, room, rules);
            log.append(rules.isPresent() ? ChangeAction.SET_ROOM_RULES : ChangeAction.CLEAR_ROOM_RULES, room,
                    wire(change.before()), wire(rules));
        }
        return change;
    }

    static Change<Set<JID>> setModerators(Connection c, JID room, Set<JID> moderators, Log log) throws SQLException {
        Set<JID> after = new TreeSet<>();
        moderators.forEach(m -> after.add(m.asBareJID()));
        Change<Set<JID>> change = new Change<>(readModerators(c, room), ImmutableSet.copyOf(after));
        if (change.changed()) {
            writeModerators(c, room, after);
            log.append(ChangeAction.SET_ROOM_MODERATORS, room, logValue(change.before()), logValue(after));
        }
        return change;
    }

    private static String wire(Optional<RuleSet> rules) {
        return rules.map(RuleSet::wire).orElse(null);
    }

    static Snapshot load(Connection c, Path file) throws SQLException {
        ImmutableMap.Builder<JID, RuleSet> rooms = ImmutableMap.builder();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT room, rule_set FROM room_rules ORDER BY room")) {
            while (rs.next()) {
                rooms.put(new JID(rs.getString(1)), parse(rs.getString(2), file, "room_rules"));
            }
        }
        Map<JID, Set<JID>> lists = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT room, member FROM room_moderator ORDER BY room, member")) {
            while (rs.next()) {
                lists.computeIfAbsent(new JID(rs.getString(1)), k -> new TreeSet<>()).add(new JID(rs.getString(2)));
            }
        }
        ImmutableMap.Builder<JID, Set<JID>> moderators = ImmutableMap.builder();
        lists.forEach((room, members) -> moderators.put(room, ImmutableSet.copyOf(members)));
        return new Snapshot(readDefault(c, file), rooms.buildOrThrow(), moderators.buildOrThrow());
    }

    private static Optional<RuleSet> readDefault(Connection c, Path file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM setting WHERE name = ?")) {
            ps.setString(1, DEFAULT_RULES_SETTING);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(parse(rs.getString(1), file, "setting")) : Optional.empty();
            }
        }
    }

    private static Optional<RuleSet> readRoom(Connection c, JID room, Path file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_set FROM room_rules WHERE room = ?")) {
            ps.setString(1, room.toBareJID());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(parse(rs.getString(1), file, "room_rules")) : Optional.empty();
            }
        }
    }

    private static Set<JID> readModerators(Connection c, JID room) throws SQLException {
        Set<JID> members = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT member FROM room_moderator WHERE room = ?")) {
            ps.setString(1, room.toBareJID());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(new JID(rs.getString(1)));
                }
            }
        }
        return ImmutableSet.copyOf(members);
    }

    private static void writeDefault(Connection c, Optional<RuleSet> rules) throws SQLException {
        if (rules.isPresent()) {
            SqliteStore.execute(c, "INSERT INTO setting (name, value) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET value = excluded.value", DEFAULT_RULES_SETTING, rules.get().wire());
        } else {
            SqliteStore.execute(c, "DELETE FROM setting WHERE name = ?", DEFAULT_RULES_SETTING);
        }
    }

    private static void writeRoom(Connection c, JID room, Optional<RuleSet> rules) throws SQLException {
        if (rules.isPresent()) {
            SqliteStore.execute(c, "INSERT INTO room_rules (room, rule_set) VALUES (?, ?)"
                    + " ON CONFLICT (room) DO UPDATE SET rule_set = excluded.rule_set", room.toBareJID(), rules.get().wire());
        } else {
            SqliteStore.execute(c, "DELETE FROM room_rules WHERE room = ?", room.toBareJID());
        }
    }

    private static void writeModerators(Connection c, JID room, Set<JID> members) throws SQLException {
        SqliteStore.execute(c, "DELETE FROM room_moderator WHERE room = ?", room.toBareJID());
        for (JID member : members) {
            SqliteStore.execute(c, "INSERT INTO room_moderator (room, member) VALUES (?, ?)", room.toBareJID(),
                    member.toBareJID());
        }
    }

    /** The change log's form of a moderator list: sorted bare JIDs, comma-separated; null when empty. */
    private static String logValue(Set<JID> members) {
        return members.isEmpty() ? null
                : members.stream().map(JID::toBareJID).sorted().collect(Collectors.joining(", "));
    }

    private static RuleSet parse(String name, Path file, String table) {
        try {
            return RuleSet.parse(name);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file, "holds an unknown rule set '" + name + "' in table " + table
                    + " (this Warden knows " + RuleSet.names() + "); fix or delete that row with sqlite3.");
        }
    }
}
