// warden#list-rooms: every room with a cap of its own or anyone in it, as a table.
package coop.warden.adhoc;

import coop.warden.rooms.RoomAdmin;
import coop.warden.rooms.RoomView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/** Needs no input: it completes at once. */
final class ListRoomsCommand implements AdhocCommand {
    private final RoomAdmin admin;

    ListRoomsCommand(RoomAdmin admin) {
        this.admin = Objects.requireNonNull(admin);
    }

    @Override
    public String node() {
        return "warden#list-rooms";
    }

    @Override
    public String name() {
        return "List rooms and caps";
    }

    @Override
    public Optional<DataForm> form() {
        return Optional.empty();
    }

    @Override
    public CommandResult execute(Submission in, JID actor) {
        List<RoomView> rooms = admin.rooms();
        DataForm table = new DataForm(DataForm.Type.result);
        table.setTitle("Rooms");
        table.addReportedField("room", "Room", FormField.Type.jid_single);
        table.addReportedField("own-cap", "Own cap", FormField.Type.text_single);
        table.addReportedField("cap", "Cap in force", FormField.Type.text_single);
        table.addReportedField("count", "People", FormField.Type.text_single);
        StringBuilder note = new StringBuilder("Default cap: ")
                .append(Forms.describe(admin.defaultCap().effective())).append('.');
        if (rooms.isEmpty()) {
            note.append(" No room has a cap of its own or anyone in it.");
        }
        for (RoomView v : rooms) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("room", v.room().toBareJID());
            row.put("own-cap", v.ownCap().map(c -> c.wire()).orElse("—"));
            row.put("cap", v.effective().cap().wire());
            row.put("count", Integer.toString(v.count()));
            table.addItemFields(row);
            note.append('\n').append(v.room()).append(": ").append(v.count()).append(" of ")
                    .append(v.effective().cap().wire())
                    .append(v.ownCap().isPresent() ? " (own cap)" : " (default)");
        }
        return new CommandResult(note.toString(), table);
    }
}
