// warden#show-room: a room's own cap, the cap in force, the count and the occupants.
package coop.warden.adhoc;

import coop.warden.rooms.RoomAdmin;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

final class ShowRoomCommand implements AdhocCommand {
    private final RoomAdmin admin;

    ShowRoomCommand(RoomAdmin admin) {
        this.admin = Objects.requireNonNull(admin);
    }

    @Override
    public String node() {
        return "warden#show-room";
    }

    @Override
    public String name() {
        return "Show a room";
    }

    @Override
    public Optional<DataForm> form() {
        DataForm form = Forms.form(name(), "Shows the room's cap, how many people count toward it, and who is in it.");
        Forms.roomField(form, admin);
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        var view = admin.room(Forms.room(in, admin));
        return new CommandResult(Forms.roomSummary(view), Forms.roomResult(view));
    }
}
