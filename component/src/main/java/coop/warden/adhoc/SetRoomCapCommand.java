// warden#set-room-cap: give a room its own cap (a number, or "none" for no cap).
package coop.warden.adhoc;

import coop.warden.rooms.RoomAdmin;
import coop.warden.store.Cap;
import coop.warden.store.CapUpdate;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

final class SetRoomCapCommand implements AdhocCommand {
    private final RoomAdmin admin;

    SetRoomCapCommand(RoomAdmin admin) {
        this.admin = Objects.requireNonNull(admin);
    }

    @Override
    public String node() {
        return "warden#set-room-cap";
    }

    @Override
    public String name() {
        return "Set a room's cap";
    }

    @Override
    public Optional<DataForm> form() {
        DataForm form = Forms.form(name(), "Give the room and how many people may be in it. Service accounts"
                + " (such as Jitsi's focus) never count. Lowering a cap removes nobody; new joins wait"
                + " until there is a free seat.");
        Forms.roomField(form, admin);
        Forms.field(form, Forms.CAP, "Cap", FormField.Type.text_single,
                "A whole number of people from 0 to " + Cap.MAX_SEATS + ", or “none” for no cap at all")
                .setRequired(true);
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        JID room = Forms.room(in, admin);
        Cap cap = Forms.cap(in.requiredText(Forms.CAP, "Cap"));
        CapUpdate update = admin.setRoomCap(room, cap, actor);
        var view = admin.room(room);
        String note = update.changed()
                ? room + " now has a cap of its own: " + Forms.describe(cap) + " (before: "
                        + Forms.describeOwn(update.before()) + "). " + Forms.roomSummary(view)
                : room + " already had a cap of " + Forms.describe(cap) + "; nothing changed.";
        return new CommandResult(note, Forms.roomResult(view));
    }
}
