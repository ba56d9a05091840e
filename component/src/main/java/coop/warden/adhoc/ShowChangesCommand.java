// warden#show-changes: the last N entries of the change log (who, when, what, old → new).
package coop.warden.adhoc;

import coop.warden.rooms.RoomAdmin;
import coop.warden.store.ChangeLogEntry;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

final class ShowChangesCommand implements AdhocCommand {
    static final String COUNT = "count";
    static final int MAX = 1000;
    private final RoomAdmin admin;

    ShowChangesCommand(RoomAdmin admin) {
        this.admin = Objects.requireNonNull(admin);
    }

    @Override
    public String node() {
        return "warden#show-changes";
    }

    @Override
    public String name() {
        return "Show recent changes";
    }

    @Override
    public Optional<DataForm> form() {
        DataForm form = Forms.form(name(), "Every change to caps is recorded: who, when, old and new value.");
        Forms.field(form, COUNT, "How many", FormField.Type.text_single, "The newest 1 to " + MAX + " changes")
                .addValue("20");
        return Optional.of(form);
    }

    @Override
    public CommandResult execute(Submission in, JID actor) throws BadInputException {
        String text = in.text(COUNT).orElse("20");
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX) {
            throw new BadInputException("“How many” must be a whole number from 1 to " + MAX + ", not “" + text + "”.");
        }
        List<ChangeLogEntry> entries = admin.recentChanges(Integer.parseInt(text));
        DataForm table = new DataForm(DataForm.Type.result);
        table.setTitle("Recent changes");
        for (String[] column : new String[][] {{"at", "When (UTC)"}, {"actor", "Who"}, {"action", "What"},
                {"room", "Room"}, {"old", "Before"}, {"new", "After"}}) {
            table.addReportedField(column[0], column[1], FormField.Type.text_single);
        }
        StringBuilder note = new StringBuilder(entries.isEmpty() ? "No changes recorded yet."
                : "The last " + entries.size() + " changes, newest first:");
        for (ChangeLogEntry e : entries) {
            String at = DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.SECONDS));
            String room = e.roomIfAny().map(JID::toBareJID).orElse("(all rooms)");
            String before = Objects.requireNonNullElse(e.oldValue(), "(not set)");
            String after = Objects.requireNonNullElse(e.newValue(), "(not set)");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", at);
            row.put("actor", e.actor().toBareJID());
            row.put("action", e.action());
            row.put("room", room);
            row.put("old", before);
            row.put("new", after);
            table.addItemFields(row);
            note.append('\n').append(at).append(' ').append(e.actor().toBareJID()).append(' ').append(e.action())
                    .append(' ').append(room).append(": ").append(before).append(" → ").append(after);
        }
        return new CommandResult(note.toString(), table);
    }
}
