// warden#set-default-cap: the cap for rooms without one of their own (a number, or empty for none).
package coop.warden.adhoc;

import coop.warden.rooms.DefaultCapView;
import coop.warden.rooms.RoomAdmin;
import coop.warden.store.Cap;
import coop.warden.store.CapUpdate;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/**
 * Overrides warden.muc.default-cap at run time; the override is stored and survives restarts
 * until an admin ticks "use the configured default".
 */
final class SetDefaultCapCommand implements AdhocCommand {
    static final String USE_CONFIGURED = "use-configured";
    private final RoomAdmin admin;

    SetDefaultCapCommand(RoomAdmin admin) {
        this.admin = Objects.requireNonNull(admin);
    }

    @Override
    public String node() {
        return "warden#set-default-cap";
    }

    @Override
    public String name() {
        return "Set the default cap";
    }

    @Override
    public Optional<DataForm> form() {
        DefaultCapView current = admin.defaultCap();
        String configured = current.configured().map(Forms::describe).orElse("no cap");
        DataForm form = Forms.form(name(), "Rooms without a cap of their own get this cap. Now: "
                + Forms.describe(current.effective()) + ".");
        Forms.field(form, Forms.CAP, "Default cap", FormField.Type.text_single,
                "A whole number of people from 0 to " + Cap.MAX_SEATS + "; leave empty for no default cap")
                .addValue(current.effective().cap().limit().isPresent() ? current.effective().cap().wire() : "");
        Forms.field(form, USE_CONFIGURED, "Use the configuration file's default instead (" + configured + ")",
                FormField.Type.boolean_type, "Forget the default set here and follow warden.muc.default-cap")
                .addValue("0");
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        boolean useConfigured = in.bool(USE_CONFIGURED, "Use the configuration file's default");
        Optional<Cap> cap;
        if (useConfigured) {
            cap = Optional.empty();
        } else {
            Optional<String> text = in.text(Forms.CAP);
            cap = Optional.of(text.isEmpty() ? Cap.unlimited() : Forms.cap(text.get()));
        }
        CapUpdate update = admin.setDefaultCap(cap, actor);
        String now = Forms.describe(admin.defaultCap().effective());
        String note = update.changed()
                ? "The default cap is now " + now + "; before, it was "
                        + update.before().map(Forms::describe).map(d -> d + " (set by an admin)")
                                .orElse("the configured default") + "."
                : "The default cap was already " + now + "; nothing changed.";
        return CommandResult.note(note);
    }
}
