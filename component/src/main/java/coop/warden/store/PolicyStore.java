// The durable policy state: caps and moderator rules (default and per room) and the append-only change log.
package coop.warden.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Where Warden keeps what admins decided. Implementations are thread-safe; reads are served
 * from memory (they sit on the join path), and every write is durable, together with its
 * change-log row, before the method returns.
 */
public interface PolicyStore extends AutoCloseable {

    /** The default cap an admin set at run time; empty means the configuration file's default applies. */
    Optional<Cap> defaultCap();

    /** The room's own cap (possibly {@link Cap#unlimited()}); empty means the room follows the default. */
    Optional<Cap> roomCap(JID room);

    /** Every room that has a cap of its own. */
    Map<JID, Cap> roomCaps();

    /** Sets (a present cap) or clears (empty) the run-time default cap, logging the change as {@code actor}. */
    CapUpdate setDefaultCap(Optional<Cap> cap, JID actor);

    /** Sets (a present cap) or clears (empty) a room's own cap, logging the change as {@code actor}. */
    CapUpdate setRoomCap(JID room, Optional<Cap> cap, JID actor);

    /** The default rule set an admin set at run time; empty means the configuration file's default applies. */
    Optional<RuleSet> defaultRules();

    /** The room's own rule set; empty means the room follows the default. */
    Optional<RuleSet> roomRules(JID room);

    /** Every room that has a rule set of its own. */
    Map<JID, RuleSet> roomRules();

    /** The members listed as the room's moderators (bare JIDs; empty when none are listed). */
    Set<JID> moderators(JID room);

    /** Every room with a moderator list. */
    Map<JID, Set<JID>> moderatorLists();

    /** Sets (present) or clears (empty) the run-time default rule set, logging the change as {@code actor}. */
    Change<Optional<RuleSet>> setDefaultRules(Optional<RuleSet> rules, JID actor);

    /** Sets (present) or clears (empty) a room's own rule set, logging the change as {@code actor}. */
    Change<Optional<RuleSet>> setRoomRules(JID room, Optional<RuleSet> rules, JID actor);

    /** Replaces a room's moderator list (bare JIDs; empty clears it), logging the change as {@code actor}. */
    Change<Set<JID>> setModerators(JID room, Set<JID> moderators, JID actor);

    /** The newest {@code limit} change-log entries, newest first. */
    List<ChangeLogEntry> recentChanges(int limit);

    @Override
    void close();
}
