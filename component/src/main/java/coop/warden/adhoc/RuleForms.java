// Shared pieces of the moderator-rules commands' forms: the rule-set field and how rules read to people.
package coop.warden.adhoc;

import coop.warden.rooms.EffectiveRules;
import coop.warden.rooms.Grant;
import coop.warden.rooms.RulesAdmin;
import coop.warden.rooms.RulesView;
import coop.warden.store.RuleSet;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/** Form building and input parsing for the rule commands. */
final class RuleForms {
    static final String RULES = "rules";
    static final String MODERATORS = "moderators";

    private RuleForms() {}

    /** A list-single of the rule sets, plus {@code fallback} (e.g. "default") when not null. */
    static FormField ruleSetField(DataForm form, String label, String fallback, String fallbackLabel) {
        FormField f = Forms.field(form, RULES, label, FormField.Type.list_single,
                "One of " + RuleSet.names() + (fallback == null ? "" : ", or “" + fallback + "”"));
        for (RuleSet r : RuleSet.values()) {
            f.addOption(r.wire() + " — " + r.description(), r.wire());
        }
        if (fallback != null) {
            f.addOption(fallbackLabel, fallback);
        }
        f.setRequired(true);
        return f;
    }

    /** The chosen rule set, or empty when the admin chose {@code fallback}. */
    static Optional<RuleSet> ruleSet(Submission in, String fallback) throws BadInputException {
        String text = in.requiredText(RULES, "Rule set");
        if (text.equalsIgnoreCase(fallback)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RuleSet.parse(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage() + " Or “" + fallback + "”.");
        }
    }

    /** Members' JIDs, one or more per value (separated by blanks or commas); empty clears the list. */
    static Set<JID> members(Submission in, RulesAdmin rules) throws BadInputException {
        Set<JID> members = new LinkedHashSet<>();
        for (String value : in.values(MODERATORS)) {
            for (String entry : value.split("[\\s,;]+")) {
                if (entry.isEmpty()) {
                    continue;
                }
                try {
                    members.add(rules.parseMember(entry));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
            }
        }
        if (members.size() > RulesAdmin.MAX_MODERATORS) {
            throw new BadInputException("At most " + RulesAdmin.MAX_MODERATORS + " moderators per room, not "
                    + members.size() + ".");
        }
        return members;
    }

    /** "listed (this room's own rule set)". */
    static String describe(EffectiveRules rules) {
        return rules.rules().wire() + " (" + rules.source().description() + ")";
    }

    static String describe(Optional<RuleSet> own) {
        return own.map(RuleSet::wire).orElse("none of its own: it follows the default");
    }

    static String describeMembers(List<JID> members) {
        return members.isEmpty() ? "nobody" : members.stream().map(JID::toBareJID).collect(Collectors.joining(", "));
    }

    static String summary(RulesView v) {
        StringBuilder s = new StringBuilder(v.room().toBareJID()).append(": rule set ").append(describe(v.effective()))
                .append(" — ").append(v.effective().rules().description()).append(". Listed moderators: ")
                .append(describeMembers(v.moderators())).append('.');
        if (v.effective().rules() == RuleSet.LISTED && v.moderators().isEmpty()) {
            s.append(" Nobody is listed, so only admins moderate, and only admins can open the room.");
        } else if (v.effective().rules() != RuleSet.LISTED && !v.moderators().isEmpty()) {
            s.append(" The list applies only while the room's rule set is “listed”.");
        }
        v.owner().ifPresent(o -> s.append(" Owner: ").append(owner(o)).append('.'));
        return s.toString();
    }

    static String owner(RulesView.Owner o) {
        String who = o.member().map(JID::toBareJID).orElse("not known (Warden restarted while the owner was away)");
        return o.awaySince().map(at -> who + ", away since " + DateTimeFormatter.ISO_INSTANT.format(
                at.truncatedTo(ChronoUnit.SECONDS)) + " UTC; ownership passes on after the grace period").orElse(who);
    }

    static DataForm result(RulesView v) {
        DataForm result = new DataForm(DataForm.Type.result);
        result.setTitle("Moderator rules of " + v.room());
        Forms.value(result, Forms.ROOM, "Room", FormField.Type.jid_single, v.room().toBareJID());
        Forms.value(result, "own-rules", "This room's own rule set", FormField.Type.text_single, describe(v.ownRules()));
        Forms.value(result, RULES, "Rule set in force", FormField.Type.text_single, describe(v.effective()));
        FormField moderators = result.addField(MODERATORS, "Listed moderators", FormField.Type.jid_multi);
        v.moderators().forEach(m -> moderators.addValue(m.toBareJID()));
        v.owner().ifPresent(o -> Forms.value(result, "owner", "Owner", FormField.Type.text_single, owner(o)));
        FormField occupants = result.addField("occupants", "Occupants", FormField.Type.text_multi);
        for (RulesView.Occupant o : v.occupants()) {
            occupants.addValue(Forms.describe(o.seat()) + " — " + o.standing().label() + ", " + describe(o.grant()));
        }
        return result;
    }

    static String describe(Grant grant) {
        return grant == null ? "left alone" : grant.affiliation() + " (" + grant.role() + ")";
    }
}
