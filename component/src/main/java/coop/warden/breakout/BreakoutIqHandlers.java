// The IqHandlers for a web client's urn:warden:breakout:1 requests: create, rename, close, assign, set-duration, status.
package coop.warden.breakout;

import coop.warden.store.StoreException;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Each request names its meeting ({@code meeting='main-room-jid'}) and is answered with the
 * meeting's {@code <meeting/>} status, or an error whose text says what to fix. The sender must be
 * a user (Prosody stamps {@code from}); whether they moderate the meeting is the service's call.
 */
final class BreakoutIqHandlers {
    private static final Logger log = LoggerFactory.getLogger(BreakoutIqHandlers.class);

    @FunctionalInterface
    private interface Action {
        MeetingStatus run(JID actor, JID meeting, Element request);
    }

    private BreakoutIqHandlers() {}

    static List<IqHandler> create(BreakoutService service, MainRooms mainRooms, BreakoutConfig config) {
        return List.of(
                new Handler("create", IQ.Type.set, mainRooms, (actor, m, e) -> service.open(actor, m, OpenRequest.of(
                        integer(e, "count"), names(e), seconds(e, "duration"), config.maxRooms()))),
                new Handler("rename", IQ.Type.set, mainRooms,
                        (actor, m, e) -> service.rename(actor, m, required(e, "room"), required(e, "name"))),
                new Handler("close", IQ.Type.set, mainRooms,
                        (actor, m, e) -> service.close(actor, m, Optional.ofNullable(e.attributeValue("room"))
                                .filter(s -> !s.isBlank()))),
                new Handler("assign", IQ.Type.set, mainRooms,
                        (actor, m, e) -> service.assign(actor, m, required(e, "participant"), required(e, "room"))),
                new Handler("set-duration", IQ.Type.set, mainRooms,
                        (actor, m, e) -> service.setDuration(actor, m, seconds(e, "seconds"))),
                new Handler("status", IQ.Type.get, mainRooms, (actor, m, e) -> service.show(actor, m)));
    }

    private static String required(Element e, String attribute) {
        String v = e.attributeValue(attribute);
        if (v == null || v.isBlank()) {
            throw BreakoutException.bad("The '" + attribute + "' attribute is missing.");
        }
        return v;
    }

    private static Optional<Integer> integer(Element e, String attribute) {
        String v = e.attributeValue(attribute);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(v.strip()));
        } catch (NumberFormatException x) {
            throw BreakoutException.bad("'" + attribute + "' must be a whole number, not '" + v + "'.");
        }
    }

    /** Seconds; absent or 0 means none. */
    private static Optional<Duration> seconds(Element e, String attribute) {
        Optional<Integer> s = integer(e, attribute);
        if (s.isPresent() && s.get() < 0) {
            throw BreakoutException.bad("'" + attribute + "' cannot be negative.");
        }
        return s.filter(n -> n > 0).map(Duration::ofSeconds);
    }

    private static List<String> names(Element e) {
        List<String> names = new ArrayList<>();
        for (Element room : e.elements("room")) {
            names.add(Objects.requireNonNullElse(room.attributeValue("name"), ""));
        }
        return names;
    }

    private record Handler(String element, IQ.Type type, MainRooms mainRooms, Action action) implements IqHandler {
        @Override
        public String namespace() {
            return BreakoutWire.NAMESPACE;
        }

        @Override
        public boolean accepts(IQ.Type t) {
            return t == type;
        }

        @Override
        public CompletionStage<IqOutcome> handle(IQ request) {
            return CompletableFuture.completedFuture(answer(request));
        }

        private IqOutcome answer(IQ request) {
            JID from = request.getFrom();
            if (from == null || from.getNode() == null) {
                return IqOutcome.error(ErrorCondition.FORBIDDEN, "Breakout requests come from a person's account.");
            }
            try {
                JID meeting = mainRooms.parse(request.getChildElement().attributeValue(BreakoutWire.MEETING));
                return IqOutcome.result(BreakoutWire.status(action.run(from, meeting, request.getChildElement())));
            } catch (BreakoutException e) {
                log.info("breakout {} from {} refused: {}", element, from.toBareJID(), e.getMessage());
                return IqOutcome.error(e.condition(), e.getMessage());
            } catch (StoreException e) {
                log.error("breakout {} from {} could not be saved: {}", element, from.toBareJID(), e.getMessage());
                return IqOutcome.error(ErrorCondition.INTERNAL_SERVER_ERROR,
                        "The change could not be saved, so nothing changed.");
            }
        }
    }
}
