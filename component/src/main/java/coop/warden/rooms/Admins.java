// The admins (warden.admins): bare JIDs who may run admin commands and are never refused a room.
package coop.warden.rooms;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.xmpp.packet.JID;

/** Warden's admins, by bare JID. Any resource of an admin's account is the admin. */
public record Admins(Set<JID> jids) {
    public Admins {
        jids = Set.copyOf(jids);
        for (JID jid : jids) {
            if (jid.getNode() == null || jid.getResource() != null) {
                throw new IllegalArgumentException("an admin is a bare user JID (user@host): " + jid);
            }
        }
    }

    /** Reads {@code warden.admins} from the root config. */
    public static Admins from(Config root) {
        String path = "warden.admins";
        try {
            return of(root.getStringList(path));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(root.origin(), path, e.getMessage());
        }
    }

    public static Admins of(Collection<String> jids) {
        Set<JID> parsed = new LinkedHashSet<>();
        for (String s : jids) {
            parsed.add(new JID(Objects.requireNonNull(s).strip()));
        }
        return new Admins(parsed);
    }

    /** Whether {@code jid} (full or bare) belongs to an admin's account. */
    public boolean isAdmin(JID jid) {
        return jid != null && jid.getNode() != null && jids.contains(jid.asBareJID());
    }
}
