// One XEP-0050 ad-hoc command offered on the component's JID to admins.
package coop.warden.adhoc;

import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * A single-stage command: {@link #form()} is shown on execute, {@link #execute} runs on submit.
 * Implementations validate every field and change nothing when they throw
 * {@link BadInputException}. The {@link AdhocHandler} owns sessions, actions and the ACL.
 */
public interface AdhocCommand {

    /** The command node, e.g. {@code warden#set-room-cap}. */
    String node();

    /** The name clients list, e.g. "Set a room's cap". */
    String name();

    /**
     * Whether only admins may see and run it (the default). A command open to others (such as a
     * meeting's moderators) checks its actor itself and throws {@link NotPermittedException}.
     */
    default boolean adminOnly() {
        return true;
    }

    /**
     * A fresh form (type {@code form}) to fill in, or empty for a command without input,
     * which then completes at once.
     */
    Optional<DataForm> form();

    /**
     * Runs the command for {@code actor} (a bare JID) with the submitted values.
     *
     * @throws BadInputException when a value is invalid; its message is shown to the admin
     * @throws NotPermittedException when {@code actor} may not do this (answered {@code forbidden})
     */
    CommandResult execute(Submission input, JID actor) throws BadInputException, NotPermittedException;
}
