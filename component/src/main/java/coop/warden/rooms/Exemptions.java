// Service accounts that are not people (warden.muc.exempt): never counted, never refused.
package coop.warden.rooms;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Exempt occupants, listed as bare JIDs ({@code focus@auth.coop.test}) or whole domains
 * ({@code recorder.coop.test}, which covers every account and resource on exactly that
 * domain, not its subdomains).
 */
record Exemptions(Set<JID> accounts, Set<String> domains) {
    Exemptions {
        accounts = Set.copyOf(accounts);
        domains = Set.copyOf(domains);
    }

    /** Parses entries; throws IllegalArgumentException naming a bad one. */
    static Exemptions parse(Collection<String> entries) {
        Set<JID> accounts = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (String entry : entries) {
            JID jid;
            try {
                jid = new JID(entry.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a JID or domain: '" + entry + "'");
            }
            if (jid.getResource() != null) {
                throw new IllegalArgumentException("give a bare JID or a domain, without /resource: '" + entry + "'");
            }
            if (jid.getNode() == null) {
                domains.add(jid.getDomain());
            } else {
                accounts.add(jid);
            }
        }
        return new Exemptions(accounts, domains);
    }

    boolean covers(JID jid) {
        return domains.contains(jid.getDomain()) || (jid.getNode() != null && accounts.contains(jid.asBareJID()));
    }
}
