// Checks for the names people give breakout rooms.
package coop.warden.breakout;

import coop.warden.store.BreakoutRoomRecord;
import java.util.List;
import java.util.Locale;

/** A name is 1 to 100 characters without control characters; two open rooms of a meeting never share one. */
final class Names {
    private Names() {}

    static String check(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw BreakoutException.bad("A breakout room's name cannot be empty.");
        }
        if (n.length() > BreakoutRoomRecord.MAX_NAME_LENGTH) {
            throw BreakoutException.bad("A breakout room's name has at most " + BreakoutRoomRecord.MAX_NAME_LENGTH
                    + " characters; “" + n.substring(0, 20) + "…” has " + n.length() + ".");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw BreakoutException.bad("A breakout room's name cannot hold line breaks or control characters.");
        }
        return n;
    }

    static void checkUnique(String name, List<BreakoutRoomRecord> others) {
        String key = name.toLowerCase(Locale.ROOT);
        for (BreakoutRoomRecord r : others) {
            if (!r.closing() && r.name().toLowerCase(Locale.ROOT).equals(key)) {
                throw BreakoutException.bad("There is already a breakout room called “" + r.name() + "” ("
                        + r.room().toBareJID() + "); pick another name.");
            }
        }
    }
}
