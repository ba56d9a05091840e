// warden#set-room-moderators: the members who moderate a `listed` room (replaces the whole list).
package coop.warden.adhoc;

import coop.warden.rooms.RulesAdmin;
import coop.warden.store.Change;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

final class SetRoomModeratorsCommand implements AdhocCommand {
    private final RulesAdmin rules;

    SetRoomModeratorsCommand(RulesAdmin rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    @Override
    public String node() {
        return "warden#set-room-moderators";
    }

    @Override
    public String name() {
        return "Set a room's moderators";
    }

    @Override
    public Optional<DataForm> form() {
        String domains = String.join(", ", rules.memberDomains());
        DataForm form = Forms.form(name(), "List the members who moderate the room when its rule set is “listed”."
                + " The new list replaces the old one; leave it empty to list nobody. Only members' accounts ("
                + domains + ") can be listed.");
        RuleCommands.roomField(form, rules);
        Forms.field(form, RuleForms.MODERATORS, "Moderators", FormField.Type.jid_multi,
                "Members' addresses, one per line (or separated by commas), such as alice@"
                        + rules.memberDomains().stream().findFirst().orElse("example.org"));
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        JID room = RuleCommands.room(in, rules);
        Set<JID> members = RuleForms.members(in, rules);
        Change<Set<JID>> change = rules.setModerators(room, members, actor);
        var view = rules.room(room);
        String note = change.changed()
                ? "The moderators listed for " + room + " are now " + RuleForms.describeMembers(view.moderators())
                        + " (before: " + RuleForms.describeMembers(List.copyOf(change.before())) + "). "
                        + RuleForms.summary(view)
                : room + " already had exactly that list; nothing changed. " + RuleForms.summary(view);
        return new CommandResult(note, RuleForms.result(view));
    }
}
