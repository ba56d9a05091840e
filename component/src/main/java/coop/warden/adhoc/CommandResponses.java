// Builds the <command/> payloads of XEP-0050 responses: executing, completed, canceled.
package coop.warden.adhoc;

import coop.warden.xmpp.IqOutcome;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;

/** One place for the response shape, so every command answers the same way. */
final class CommandResponses {
    private CommandResponses() {}

    /** The form to fill in, with the single-stage action set {@code <actions execute='complete'><complete/>}. */
    static IqOutcome executing(String node, String sessionId, DataForm form) {
        Element cmd = command(node, sessionId, "executing");
        Element actions = cmd.addElement(QName.get("actions", AdhocHandler.NAMESPACE));
        actions.addAttribute("execute", "complete");
        actions.addElement(QName.get("complete", AdhocHandler.NAMESPACE));
        cmd.add(form.getElement().createCopy());
        return IqOutcome.result(cmd);
    }

    static IqOutcome completed(String node, String sessionId, CommandResult result) {
        Element cmd = command(node, sessionId, "completed");
        cmd.addElement(QName.get("note", AdhocHandler.NAMESPACE)).addAttribute("type", "info").setText(result.note());
        result.resultIfAny().ifPresent(f -> cmd.add(f.getElement().createCopy()));
        return IqOutcome.result(cmd);
    }

    static IqOutcome canceled(String node, String sessionId) {
        return IqOutcome.result(command(node, sessionId, "canceled"));
    }

    private static Element command(String node, String sessionId, String status) {
        Element cmd = DocumentHelper.createElement(QName.get("command", AdhocHandler.NAMESPACE));
        cmd.addAttribute("node", node);
        cmd.addAttribute("sessionid", sessionId);
        cmd.addAttribute("status", status);
        return cmd;
    }
}
