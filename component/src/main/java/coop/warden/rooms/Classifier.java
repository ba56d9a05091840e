// Decides an occupant's OccupantKind from the exempt list and the admins.
package coop.warden.rooms;

import java.util.Objects;
import org.xmpp.packet.JID;

/** Exempt wins over admin: an admin's account listed as exempt is not counted. */
final class Classifier {
    private final Admins admins;
    private final Exemptions exempt;

    Classifier(Admins admins, Exemptions exempt) {
        this.admins = Objects.requireNonNull(admins);
        this.exempt = Objects.requireNonNull(exempt);
    }

    OccupantKind classify(JID realJid) {
        if (exempt.covers(realJid)) {
            return OccupantKind.SERVICE;
        }
        return admins.isAdmin(realJid) ? OccupantKind.ADMIN : OccupantKind.PERSON;
    }
}
