// XEP-0050 ad-hoc commands on the component's JID: ACL, sessions, actions, and the disco node.
package coop.warden.adhoc;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import coop.warden.rooms.Admins;
import coop.warden.store.StoreException;
import coop.warden.xmpp.DiscoHandler;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Runs {@link AdhocCommand}s for admins ({@code warden.admins}); anyone else gets
 * {@code forbidden} and sees in disco only the commands that are not {@link AdhocCommand#adminOnly()}
 * (the breakout commands, which check the meeting's moderators themselves). A session starts when a command's form
 * is sent and is bound to the requester's full JID and the node; it ends on completion or
 * cancel, or after {@link #SESSION_TTL} without use. An invalid submission keeps the session,
 * so the admin can correct the form and submit again.
 */
public final class AdhocHandler implements IqHandler, DiscoHandler.NodeProvider {
    public static final String NAMESPACE = "http://jabber.org/protocol/commands";
    static final String DATA_FORMS = "jabber:x:data";
    static final Duration SESSION_TTL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(AdhocHandler.class);

    private enum Action { EXECUTE, COMPLETE, CANCEL, NEXT, PREV }

    private record Session(String node, JID requester) {}

    private final Admins admins;
    private final Map<String, AdhocCommand> commands = new LinkedHashMap<>();
    private final Cache<String, Session> sessions;

    public AdhocHandler(Admins admins, List<AdhocCommand> commands, Clock clock) {
        this.admins = Objects.requireNonNull(admins);
        for (AdhocCommand c : commands) {
            if (this.commands.putIfAbsent(c.node(), c) != null) {
                throw new IllegalArgumentException("two commands on node " + c.node());
            }
        }
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return clock.millis() * 1_000_000L;
            }
        };
        this.sessions = CacheBuilder.newBuilder().ticker(ticker).expireAfterAccess(SESSION_TTL)
                .maximumSize(256).build();
    }

    @Override
    public String element() {
        return "command";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public boolean accepts(IQ.Type type) {
        return type == IQ.Type.set;
    }

    @Override
    public CompletionStage<IqOutcome> handle(IQ request) {
        return CompletableFuture.completedFuture(answer(request));
    }

    private IqOutcome answer(IQ request) {
        JID from = request.getFrom();
        Element cmd = request.getChildElement();
        String node = cmd.attributeValue("node");
        AdhocCommand command = node == null ? null : commands.get(node);
        if (from == null || (command == null || command.adminOnly()) && !admins.isAdmin(from)) {
            return IqOutcome.error(ErrorCondition.FORBIDDEN, "Only Warden's admins may run its commands.");
        }
        if (command == null) {
            return IqOutcome.error(ErrorCondition.ITEM_NOT_FOUND,
                    node == null ? "The request names no command node." : "Warden has no command “" + node + "”.");
        }
        Optional<Action> action = action(cmd.attributeValue("action"));
        if (action.isEmpty()) {
            return error(SpecificCondition.MALFORMED_ACTION, "Unknown action “" + cmd.attributeValue("action") + "”.");
        }
        String sessionId = cmd.attributeValue("sessionid");
        if (sessionId == null || sessionId.isEmpty()) {
            return start(command, action.get(), from);
        }
        Session session = sessions.getIfPresent(sessionId);
        if (session == null || !session.node().equals(node) || !session.requester().equals(from)) {
            return error(SpecificCondition.BAD_SESSIONID,
                    "This command session is unknown or has expired; run the command again.");
        }
        switch (action.get()) {
            case CANCEL:
                sessions.invalidate(sessionId);
                return CommandResponses.canceled(node, sessionId);
            case NEXT:
            case PREV:
                return error(SpecificCondition.BAD_ACTION, "This command has a single step: complete or cancel it.");
            default:
                return submit(command, sessionId, cmd, from);
        }
    }

    private IqOutcome start(AdhocCommand command, Action action, JID from) {
        String sessionId = UUID.randomUUID().toString();
        if (action == Action.CANCEL) {
            return CommandResponses.canceled(command.node(), sessionId);
        }
        if (action != Action.EXECUTE) {
            return error(SpecificCondition.BAD_ACTION, "Start the command with “execute” first.");
        }
        Optional<DataForm> form = command.form();
        if (form.isEmpty()) {
            return run(command, sessionId, Submission.empty(), from);
        }
        sessions.put(sessionId, new Session(command.node(), from));
        return CommandResponses.executing(command.node(), sessionId, form.get());
    }

    private IqOutcome submit(AdhocCommand command, String sessionId, Element cmd, JID from) {
        Element x = cmd.element(QName.get("x", DATA_FORMS));
        if (x == null) {
            return error(SpecificCondition.BAD_PAYLOAD, "Fill in and submit the form.");
        }
        // The attribute itself: Tinder's DataForm.getType() throws on a type XEP-0004 does not define.
        String type = x.attributeValue("type");
        if (DataForm.Type.cancel.name().equals(type)) {
            sessions.invalidate(sessionId);
            return CommandResponses.canceled(command.node(), sessionId);
        }
        if (!DataForm.Type.submit.name().equals(type)) {
            return error(SpecificCondition.BAD_PAYLOAD, "Submit the form (type “submit”).");
        }
        IqOutcome outcome = run(command, sessionId, new Submission(new DataForm(x.createCopy())), from);
        if (outcome instanceof IqOutcome.Result) {
            sessions.invalidate(sessionId);
        }
        return outcome;
    }

    private IqOutcome run(AdhocCommand command, String sessionId, Submission input, JID from) {
        try {
            CommandResult result = command.execute(input, from.asBareJID());
            log.info("{} {} ran {}", command.adminOnly() ? "admin" : "user", from.toBareJID(), command.node());
            return CommandResponses.completed(command.node(), sessionId, result);
        } catch (BadInputException e) {
            return error(SpecificCondition.BAD_PAYLOAD, e.getMessage());
        } catch (NotPermittedException e) {
            log.info("{} may not run {}: {}", from.toBareJID(), command.node(), e.getMessage());
            return IqOutcome.error(ErrorCondition.FORBIDDEN, e.getMessage());
        } catch (StoreException e) {
            log.error("{} by {} could not be saved: {}", command.node(), from.toBareJID(), e.getMessage());
            return IqOutcome.error(ErrorCondition.INTERNAL_SERVER_ERROR,
                    "The change could not be saved, so nothing changed: " + e.getMessage());
        }
    }

    private static Optional<Action> action(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(Action.EXECUTE);
        }
        for (Action a : Action.values()) {
            if (a.name().equalsIgnoreCase(value)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static IqOutcome error(SpecificCondition condition, String text) {
        return new IqOutcome.Failure(ErrorCondition.BAD_REQUEST, text, condition.element());
    }

    @Override
    public List<String> features() {
        return List.of(NAMESPACE, DATA_FORMS);
    }

    /** The command list: every command for an admin, nothing for anyone else. */
    @Override
    public Optional<List<DiscoHandler.Item>> items(String node, JID requester, JID self) {
        if (!NAMESPACE.equals(node)) {
            return Optional.empty();
        }
        boolean admin = admins.isAdmin(requester);
        return Optional.of(commands.values().stream().filter(c -> admin || !c.adminOnly())
                .map(c -> new DiscoHandler.Item(self, c.node(), c.name())).toList());
    }

    @Override
    public Optional<DiscoHandler.NodeInfo> info(String node, JID requester) {
        if (NAMESPACE.equals(node)) {
            return Optional.of(new DiscoHandler.NodeInfo(
                    List.of(new DiscoHandler.Identity("automation", "command-list", "Commands")), List.of()));
        }
        AdhocCommand c = commands.get(node);
        if (c == null || c.adminOnly() && !admins.isAdmin(requester)) {
            return Optional.empty();
        }
        return Optional.of(new DiscoHandler.NodeInfo(
                List.of(new DiscoHandler.Identity("automation", "command-node", c.name())),
                List.of(NAMESPACE, DATA_FORMS)));
    }
}
