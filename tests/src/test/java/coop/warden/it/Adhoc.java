// XEP-0050 ad-hoc commands on Warden's component JID, run through Smack's AdHocCommandManager.
package coop.warden.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** An admin's (or anyone's) client talking to warden.coop.test's command nodes. */
final class Adhoc {
    static final String SET_ROOM_CAP = "warden#set-room-cap";
    static final String CLEAR_ROOM_CAP = "warden#clear-room-cap";
    static final String SHOW_ROOM = "warden#show-room";
    static final String LIST_ROOMS = "warden#list-rooms";
    static final String SET_DEFAULT_CAP = "warden#set-default-cap";
    static final String SHOW_CHANGES = "warden#show-changes";
    /** The admins' cap commands (other features add commands of their own, some for non-admins). */
    static final List<String> CAP_COMMANDS = List.of(SET_ROOM_CAP, CLEAR_ROOM_CAP, SHOW_ROOM, LIST_ROOMS,
            SET_DEFAULT_CAP, SHOW_CHANGES);

    private final AdHocCommandManager manager;
    private final DomainBareJid component = JidCreate.domainBareFromOrThrowUnchecked(Stack.COMPONENT);

    Adhoc(XMPPConnection connection) {
        this.manager = AdHocCommandManager.getAddHocCommandsManager(connection);
    }

    /** A completed command: the note every client shows and the result form, if any. */
    record Result(String note, DataForm form) {
        /** The first value of a field of the result form ("" when absent). */
        String field(String var) {
            FormField f = form == null ? null : form.getField(var);
            return f == null || f.getFirstValue() == null ? "" : f.getFirstValue();
        }

        List<String> values(String var) {
            FormField f = form == null ? null : form.getField(var);
            return f == null ? List.of() : f.getValuesAsString();
        }

        /** The rows of a table (reported fields and items), each as var → first value. */
        List<Map<String, String>> rows() {
            List<Map<String, String>> rows = new ArrayList<>();
            if (form != null) {
                for (DataForm.Item item : form.getItems()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    item.getFields().forEach(f -> row.put(f.getFieldName(), f.getFirstValue()));
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The command nodes disco#items lists for this account. */
    List<String> nodes() throws Exception {
        return manager.discoverCommands(component).getItems().stream()
                .map(DiscoverItems.Item::getNode).collect(Collectors.toList());
    }

    /**
     * Executes {@code node}, fills its form with {@code answers} (var → text, as a person types it)
     * and completes it.
     *
     * @throws org.jivesoftware.smack.XMPPException.XMPPErrorException when Warden refuses
     */
    Result run(String node, Map<String, String> answers) throws Exception {
        RemoteCommand command = manager.getRemoteCommand(component, node);
        command.execute();
        if (!command.isCompleted()) {
            FillableForm form = new FillableForm(command.getForm());
            answers.forEach((var, text) -> answer(form, var, text));
            command.complete(form);
        }
        String note = command.getNotes().stream().map(AdHocCommandNote::getValue).collect(Collectors.joining("\n"));
        return new Result(note, command.getForm());
    }

    Result run(String node) throws Exception {
        return run(node, Map.of());
    }

    Result setRoomCap(Object room, String cap) throws Exception {
        return run(SET_ROOM_CAP, Map.of("room", room.toString(), "cap", cap));
    }

    Result clearRoomCap(Object room) throws Exception {
        return run(CLEAR_ROOM_CAP, Map.of("room", room.toString()));
    }

    Result showRoom(Object room) throws Exception {
        return run(SHOW_ROOM, Map.of("room", room.toString()));
    }

    Result listRooms() throws Exception {
        return run(LIST_ROOMS);
    }

    /** The list-rooms row of {@code room}, or null when the list does not show it. */
    Map<String, String> listed(Object room) throws Exception {
        return listRooms().rows().stream().filter(r -> room.toString().equals(r.get("room"))).findFirst().orElse(null);
    }

    /**
     * A client that checks JIDs (Smack does) cannot put a malformed one into a jid-single field;
     * text typed into a simpler client's form arrives as-is, so send that as a text field.
     */
    private static void answer(FillableForm form, String var, String text) {
        try {
            form.setAnswer(var, text);
        } catch (IllegalArgumentException notAJid) {
            form.write(FormField.textSingleBuilder(var).setValue(text).build());
        }
    }
}
