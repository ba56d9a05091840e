// Shared pieces of the cap commands' data forms: fields, parsing, and how caps read to people.
package coop.warden.adhoc;

import coop.warden.rooms.EffectiveCap;
import coop.warden.rooms.RoomAdmin;
import coop.warden.rooms.RoomView;
import coop.warden.rooms.Seat;
import coop.warden.store.Cap;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/** Form building and input parsing used by more than one command. */
final class Forms {
    static final String ROOM = "room";
    static final String CAP = "cap";

    private Forms() {}

    static DataForm form(String title, String instruction) {
        DataForm form = new DataForm(DataForm.Type.form);
        form.setTitle(title);
        form.addInstruction(instruction);
        return form;
    }

    static FormField field(DataForm form, String var, String label, FormField.Type type, String description) {
        FormField f = form.addField(var, label, type);
        if (description != null) {
            f.setDescription(description);
        }
        return f;
    }

    static void roomField(DataForm form, RoomAdmin admin) {
        String host = admin.mucHosts().stream().findFirst().orElse("conference.example.org");
        field(form, ROOM, "Room", FormField.Type.jid_single, "The room's JID, such as meeting@" + host)
                .setRequired(true);
    }

    static JID room(Submission in, RoomAdmin admin) throws BadInputException {
        String text = in.requiredText(ROOM, "Room");
        try {
            return admin.parseRoom(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static Cap cap(String text) throws BadInputException {
        try {
            return Cap.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** "20 people" or "no cap". */
    static String describe(Cap cap) {
        return cap.limit().isPresent() ? cap.wire() + (cap.wire().equals("1") ? " person" : " people") : "no cap";
    }

    /** "20 people (the configured default cap)". */
    static String describe(EffectiveCap cap) {
        return describe(cap.cap()) + " (" + cap.source().description() + ")";
    }

    static String describeOwn(Optional<Cap> own) {
        return own.map(Forms::describe).orElse("none of its own: it follows the default");
    }

    /** The read-only view of a room, as a result form. */
    static DataForm roomResult(RoomView view) {
        DataForm result = new DataForm(DataForm.Type.result);
        result.setTitle("Room " + view.room());
        value(result, ROOM, "Room", FormField.Type.jid_single, view.room().toBareJID());
        value(result, "own-cap", "This room's own cap", FormField.Type.text_single, describeOwn(view.ownCap()));
        value(result, "cap", "Cap in force", FormField.Type.text_single, describe(view.effective()));
        value(result, "count", "People counted", FormField.Type.text_single, Integer.toString(view.count()));
        FormField occupants = result.addField("occupants", "Occupants", FormField.Type.text_multi);
        for (Seat seat : view.occupants()) {
            occupants.addValue(describe(seat));
        }
        return result;
    }

    static String describe(Seat seat) {
        String nick = seat.nickIfKnown().map(JID::getResource).orElse("(nick unknown)");
        String line = nick + " — " + seat.occupant().toFullJID();
        if (!seat.kind().counts()) {
            line += " (service, not counted)";
        }
        if (seat.isReservation()) {
            line += " (joining)";
        }
        return line;
    }

    static void value(DataForm form, String var, String label, FormField.Type type, String value) {
        form.addField(var, label, type).addValue(value);
    }

    static String roomSummary(RoomView view) {
        String people = view.count() == 1 ? "1 person is" : view.count() + " people are";
        String summary = view.room() + ": " + people + " in it; cap in force: " + describe(view.effective()) + ".";
        int limit = view.effective().cap().limit().orElse(Integer.MAX_VALUE);
        if (view.count() > limit) {
            summary += " That is over the cap: nobody is removed, but new joins are refused until fewer than "
                    + limit + " remain.";
        }
        return summary;
    }
}
