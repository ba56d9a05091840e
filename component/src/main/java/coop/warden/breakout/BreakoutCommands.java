// The breakout XEP-0050 commands on the component, for a meeting's moderators (and admins) in any XMPP client.
package coop.warden.breakout;

import coop.warden.adhoc.AdhocCommand;
import coop.warden.adhoc.BadInputException;
import coop.warden.adhoc.CommandResult;
import coop.warden.adhoc.NotPermittedException;
import coop.warden.adhoc.Submission;
import coop.warden.xmpp.ErrorCondition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/**
 * One single-stage form each; every form starts with the meeting (its main room's JID). They are
 * not admin-only: anyone sees them, and the service answers {@code forbidden} to whoever does not
 * moderate the meeting they name.
 */
final class BreakoutCommands {
    static final String MEETING = "meeting";

    private BreakoutCommands() {}

    @FunctionalInterface
    private interface Action {
        MeetingStatus run(Submission in, JID actor, JID meeting);
    }

    private record Field(String var, String label, FormField.Type type, boolean required, String description) {}

    static List<AdhocCommand> all(BreakoutService service, MainRooms mainRooms, BreakoutConfig config) {
        Field room = new Field("room", "Breakout room", FormField.Type.text_single, true,
                "Its number, its name, or its JID");
        return List.of(
                new Command("warden#breakout-open", "Open breakout rooms",
                        "Opens breakout rooms for the meeting: give how many (they are numbered), or their names, one"
                                + " per line. Optionally, they all close after a duration.",
                        List.of(new Field("count", "How many rooms", FormField.Type.text_single, false,
                                        "1 to " + config.maxRooms() + "; leave empty when you give names"),
                                new Field("names", "Room names", FormField.Type.text_multi, false, "One per line"),
                                duration()),
                        mainRooms, (in, actor, m) -> service.open(actor, m, OpenRequest.of(count(in), in.values("names"),
                                Durations.parse(in.text("duration").orElse("")), config.maxRooms()))),
                new Command("warden#breakout-assign", "Move someone to a breakout room",
                        "Assigns a participant to a breakout room and sends them an invitation to it. Give “main” as"
                                + " the room to ask them back to the main room.",
                        List.of(new Field("participant", "Participant", FormField.Type.text_single, true,
                                "Their nick in the meeting, or their JID"), room),
                        mainRooms, (in, actor, m) -> service.assign(actor, m, in.text("participant").orElse(""),
                                in.text("room").orElse(""))),
                new Command("warden#breakout-rename", "Rename a breakout room", "Gives a breakout room a new name.",
                        List.of(room, new Field("name", "New name", FormField.Type.text_single, true, null)),
                        mainRooms, (in, actor, m) -> service.rename(actor, m, in.text("room").orElse(""),
                                in.text("name").orElse(""))),
                new Command("warden#breakout-close", "Close breakout rooms",
                        "Closes one breakout room, or all of them when no room is given: the people in them are"
                                + " invited back to the main room, and the rooms are destroyed.",
                        List.of(new Field("room", "Breakout room", FormField.Type.text_single, false,
                                "Its number, its name, or its JID; empty closes all")),
                        mainRooms, (in, actor, m) -> service.close(actor, m, in.text("room"))),
                new Command("warden#breakout-duration", "Set when breakout rooms close",
                        "All the meeting's breakout rooms close after this duration, counted from now.",
                        List.of(duration()), mainRooms,
                        (in, actor, m) -> service.setDuration(actor, m, Durations.parse(in.text("duration").orElse("")))),
                new Command("warden#breakout-status", "Show a meeting's breakout rooms",
                        "Shows the meeting's rooms, who is in each, the assignments and when the rooms close.",
                        List.of(), mainRooms, (in, actor, m) -> service.show(actor, m)));
    }

    private static Field duration() {
        return new Field("duration", "Close after", FormField.Type.text_single, false,
                "Minutes (“15”), or with a unit (“90 s”, “1 h”); empty or “none” for no limit");
    }

    private static Optional<Integer> count(Submission in) {
        Optional<String> text = in.text("count");
        try {
            return text.map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw BreakoutException.bad("“How many rooms” must be a whole number, not “" + text.get() + "”.");
        }
    }

    private record Command(String node, String name, String instruction, List<Field> fields, MainRooms mainRooms,
                           Action action) implements AdhocCommand {
        Command {
            Objects.requireNonNull(action);
            fields = List.copyOf(fields);
        }

        @Override
        public boolean adminOnly() {
            return false;
        }

        @Override
        public Optional<DataForm> form() {
            DataForm form = new DataForm(DataForm.Type.form);
            form.setTitle(name);
            form.addInstruction(instruction);
            FormField m = form.addField(MEETING, "Meeting", FormField.Type.jid_single);
            m.setDescription("The main room's JID, such as " + mainRooms.example());
            m.setRequired(true);
            for (Field f : fields) {
                FormField field = form.addField(f.var(), f.label(), f.type());
                field.setRequired(f.required());
                if (f.description() != null) {
                    field.setDescription(f.description());
                }
            }
            return Optional.of(form);
        }

        @Override
        public CommandResult execute(Submission in, JID actor) throws BadInputException, NotPermittedException {
            try {
                JID meeting = mainRooms.parse(in.text(MEETING).orElse(""));
                for (Field f : fields) {
                    if (f.required()) {
                        in.requiredText(f.var(), f.label());
                    }
                }
                MeetingStatus status = action.run(in, actor, meeting);
                return new CommandResult(status.summary(), table(status));
            } catch (BreakoutException e) {
                if (e.condition() == ErrorCondition.FORBIDDEN) {
                    throw new NotPermittedException(e.getMessage());
                }
                throw new BadInputException(e.getMessage());
            }
        }
    }

    /** The rooms as a table (one item per room) for clients that render result forms. */
    static DataForm table(MeetingStatus s) {
        DataForm result = new DataForm(DataForm.Type.result);
        result.setTitle("Breakout rooms of " + s.mainRoom().toBareJID());
        result.addReportedField("room", "Room", FormField.Type.jid_single);
        result.addReportedField("name", "Name", FormField.Type.text_single);
        result.addReportedField("present", "Present", FormField.Type.text_single);
        for (MeetingStatus.Room r : s.rooms()) {
            result.addItemFields(Map.of(
                    "room", r.jid().toBareJID(),
                    "name", r.main() ? "(main room)" : r.number() + ". " + r.name() + (r.closing() ? " (closing)" : ""),
                    "present", String.join(", ", r.present().stream().map(MeetingStatus::who).toList())));
        }
        return result;
    }
}
