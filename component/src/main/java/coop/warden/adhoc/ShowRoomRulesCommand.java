// warden#show-room-rules: a room's rule set, its listed moderators, its owner, and what each occupant gets.
package coop.warden.adhoc;

import coop.warden.rooms.RulesAdmin;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

final class ShowRoomRulesCommand implements AdhocCommand {
    private final RulesAdmin rules;

    ShowRoomRulesCommand(RulesAdmin rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    @Override
    public String node() {
        return "warden#show-room-rules";
    }

    @Override
    public String name() {
        return "Show a room's moderator rules";
    }

    @Override
    public Optional<DataForm> form() {
        DataForm form = Forms.form(name(), "Shows the rule set in force and where it comes from, the members listed"
                + " as moderators, the owner (first-member-owns), and the affiliation each person in the room gets.");
        RuleCommands.roomField(form, rules);
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        var view = rules.room(RuleCommands.room(in, rules));
        return new CommandResult(RuleForms.summary(view), RuleForms.result(view));
    }
}
