// The outcome of a completed command: a note for the admin and, optionally, a result form.
package coop.warden.adhoc;

import java.util.Objects;
import java.util.Optional;
import org.xmpp.forms.DataForm;

/** A completed command. Every client shows the note; richer clients also render {@code result}. */
public record CommandResult(String note, DataForm result) {
    public CommandResult {
        Objects.requireNonNull(note, "note");
        if (result != null && result.getType() != DataForm.Type.result) {
            throw new IllegalArgumentException("a command's result form has type 'result'");
        }
    }

    public static CommandResult note(String note) {
        return new CommandResult(note, null);
    }

    public Optional<DataForm> resultIfAny() {
        return Optional.ofNullable(result);
    }
}
