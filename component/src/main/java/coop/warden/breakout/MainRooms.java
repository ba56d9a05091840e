// Parses the meeting a moderator names: the JID of a main room on one of Warden's (non-breakout) MUC hosts.
package coop.warden.breakout;

import coop.warden.xmpp.Jids;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.xmpp.packet.JID;

/** A meeting is named by its main room, e.g. {@code standup@conference.example.org}. */
final class MainRooms {
    private final Set<String> mainHosts;
    private final BreakoutConfig config;

    MainRooms(Set<JID> mucHosts, BreakoutConfig config) {
        this.config = Objects.requireNonNull(config);
        Set<String> hosts = new TreeSet<>();
        mucHosts.stream().map(JID::getDomain).filter(d -> !config.isBreakoutHost(d)).forEach(hosts::add);
        this.mainHosts = Set.copyOf(hosts);
    }

    String example() {
        return "meeting@" + new TreeSet<>(mainHosts).stream().findFirst().orElse("conference.example.org");
    }

    JID parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw BreakoutException.bad("Give the meeting's main room, such as " + example() + ".");
        }
        JID jid;
        try {
            jid = Jids.parse(t);
        } catch (IllegalArgumentException e) {
            throw BreakoutException.bad("“" + t + "” is not a room JID; give the meeting's main room, such as "
                    + example() + ".");
        }
        if (jid.getNode() == null || jid.getResource() != null) {
            throw BreakoutException.bad("“" + t + "” is not a room's JID; give the meeting's main room, such as "
                    + example() + ".");
        }
        if (config.isBreakoutHost(jid.getDomain())) {
            throw BreakoutException.bad("“" + t + "” is a breakout room; give its meeting's main room, such as "
                    + example() + ".");
        }
        if (!mainHosts.contains(jid.getDomain())) {
            throw BreakoutException.bad("“" + jid.getDomain() + "” is not a MUC host Warden manages ("
                    + String.join(", ", List.copyOf(new TreeSet<>(mainHosts))) + ").");
        }
        return jid;
    }
}
