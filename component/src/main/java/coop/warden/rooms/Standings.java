// Decides a person's Standing from the exempt list, the admins and the members' domains.
package coop.warden.rooms;

import java.util.Objects;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Exempt wins over admin, as for counting (see {@link Classifier}). A JID on neither a members'
 * domain nor the exempt list is a guest: anything Warden cannot vouch for is treated the safe way.
 */
final class Standings {
    private final Admins admins;
    private final Exemptions exempt;
    private final Set<String> memberDomains;

    Standings(Admins admins, Exemptions exempt, Set<String> memberDomains) {
        this.admins = Objects.requireNonNull(admins);
        this.exempt = Objects.requireNonNull(exempt);
        this.memberDomains = Set.copyOf(memberDomains);
    }

    Standing of(JID realJid) {
        if (exempt.covers(realJid)) {
            return Standing.SERVICE;
        }
        if (admins.isAdmin(realJid)) {
            return Standing.ADMIN;
        }
        return realJid.getNode() != null && memberDomains.contains(realJid.getDomain()) ? Standing.MEMBER
                : Standing.GUEST;
    }

    boolean isMemberDomain(String domain) {
        return memberDomains.contains(domain);
    }
}
