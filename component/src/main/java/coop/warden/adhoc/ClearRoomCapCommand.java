// warden#clear-room-cap: remove a room's own cap, so it follows the default again.
package coop.warden.adhoc;

import coop.warden.rooms.RoomAdmin;
import coop.warden.store.CapUpdate;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

final class ClearRoomCapCommand implements AdhocCommand {
    private final RoomAdmin admin;

    ClearRoomCapCommand(RoomAdmin admin) {
        this.admin = Objects.requireNonNull(admin);
    }

    @Override
    public String node() {
        return "warden#clear-room-cap";
    }

    @Override
    public String name() {
        return "Clear a room's cap";
    }

    @Override
    public Optional<DataForm> form() {
        DataForm form = Forms.form(name(), "The room goes back to the default cap ("
                + Forms.describe(admin.defaultCap().effective()) + ").");
        Forms.roomField(form, admin);
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        JID room = Forms.room(in, admin);
        CapUpdate update = admin.clearRoomCap(room, actor);
        var view = admin.room(room);
        String note = update.changed()
                ? room + " no longer has a cap of its own (it was " + Forms.describeOwn(update.before()) + "). "
                        + Forms.roomSummary(view)
                : room + " had no cap of its own; nothing changed. " + Forms.roomSummary(view);
        return new CommandResult(note, Forms.roomResult(view));
    }
}
