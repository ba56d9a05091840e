// warden#set-default-rules: the rule set for rooms without one of their own.
package coop.warden.adhoc;

import coop.warden.rooms.DefaultRulesView;
import coop.warden.rooms.RulesAdmin;
import coop.warden.store.Change;
import coop.warden.store.RuleSet;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * Overrides warden.rules.default at run time; the override is stored and survives restarts
 * until an admin chooses "configured".
 */
final class SetDefaultRulesCommand implements AdhocCommand {
    static final String USE_CONFIGURED = "configured";
    private final RulesAdmin rules;

    SetDefaultRulesCommand(RulesAdmin rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    @Override
    public String node() {
        return "warden#set-default-rules";
    }

    @Override
    public String name() {
        return "Set the default rule set";
    }

    @Override
    public Optional<DataForm> form() {
        DefaultRulesView current = rules.defaultRules();
        DataForm form = Forms.form(name(), "Rooms without a rule set of their own follow this one. Now: "
                + RuleForms.describe(current.effective()) + ". The change applies at once to the people in those rooms.");
        RuleForms.ruleSetField(form, "Default rule set", USE_CONFIGURED,
                "configured — follow warden.rules.default (" + current.configured().wire() + ")")
                .addValue(current.override().map(RuleSet::wire).orElse(USE_CONFIGURED));
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        Optional<RuleSet> chosen = RuleForms.ruleSet(in, USE_CONFIGURED);
        Change<Optional<RuleSet>> change = rules.setDefaultRules(chosen, actor);
        String now = RuleForms.describe(rules.defaultRules().effective());
        String note = change.changed()
                ? "The default rule set is now " + now + "; before, it was "
                        + change.before().map(r -> r.wire() + " (set by an admin)").orElse("the configured default")
                        + "."
                : "The default rule set was already " + now + "; nothing changed.";
        return CommandResult.note(note);
    }
}
