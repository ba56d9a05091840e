// warden#set-room-rules: give a room its own rule set, or make it follow the default again.
package coop.warden.adhoc;

import coop.warden.rooms.RulesAdmin;
import coop.warden.store.Change;
import coop.warden.store.RuleSet;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

final class SetRoomRulesCommand implements AdhocCommand {
    static final String FOLLOW_DEFAULT = "default";
    private final RulesAdmin rules;

    SetRoomRulesCommand(RulesAdmin rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    @Override
    public String node() {
        return "warden#set-room-rules";
    }

    @Override
    public String name() {
        return "Set a room's rule set";
    }

    @Override
    public Optional<DataForm> form() {
        DataForm form = Forms.form(name(), "Choose who owns and moderates the room. Admins always do; guests never"
                + " do. The change applies at once to the people in the room. Default now: "
                + RuleForms.describe(rules.defaultRules().effective()) + ".");
        RuleCommands.roomField(form, rules);
        RuleForms.ruleSetField(form, "Rule set", FOLLOW_DEFAULT, "default — follow the default rule set");
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        JID room = RuleCommands.room(in, rules);
        Optional<RuleSet> chosen = RuleForms.ruleSet(in, FOLLOW_DEFAULT);
        Change<Optional<RuleSet>> change = rules.setRoomRules(room, chosen, actor);
        var view = rules.room(room);
        String note = change.changed()
                ? "Changed " + room + " from " + RuleForms.describe(change.before()) + " to "
                        + RuleForms.describe(chosen) + ". " + RuleForms.summary(view)
                : room + " already had that setting; nothing changed. " + RuleForms.summary(view);
        return new CommandResult(note, RuleForms.result(view));
    }
}
