// The moderator-rules admin commands, ready to hand to the AdhocHandler (with CapCommands).
package coop.warden.adhoc;

import coop.warden.rooms.RulesAdmin;
import java.util.List;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/** Factory for the rule commands, in the order clients list them, and their room field. */
public final class RuleCommands {
    private RuleCommands() {}

    public static List<AdhocCommand> all(RulesAdmin rules) {
        return List.of(
                new ShowRoomRulesCommand(rules),
                new SetRoomRulesCommand(rules),
                new SetRoomModeratorsCommand(rules),
                new SetDefaultRulesCommand(rules));
    }

    static void roomField(DataForm form, RulesAdmin rules) {
        String host = rules.mucHosts().stream().findFirst().orElse("conference.example.org");
        Forms.field(form, Forms.ROOM, "Room", FormField.Type.jid_single, "The room's JID, such as meeting@" + host)
                .setRequired(true);
    }

    static JID room(Submission in, RulesAdmin rules) throws BadInputException {
        String text = in.requiredText(Forms.ROOM, "Room");
        try {
            return rules.parseRoom(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
