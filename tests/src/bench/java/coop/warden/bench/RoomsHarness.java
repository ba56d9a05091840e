// Warden's room policy in-process, fed urn:warden:muc:1 IQs as a MUC host would send them (no network).
package coop.warden.bench;

import com.typesafe.config.ConfigFactory;
import coop.warden.rooms.RoomsModule;
import coop.warden.store.SqliteStore;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/**
 * Uses only the rooms feature's public surface, the way Main wires it: {@link RoomsModule}
 * with a real SQLite store, its IQ handlers, and an {@code IqRequester} that answers the
 * start-up sync with "no rooms". What it measures is what runs per join in the component after
 * Whack has parsed the stanza: attribute and JID parsing, the cap lookup, the ledger, the answer.
 */
public final class RoomsHarness implements AutoCloseable {
    public static final String MUC = "conference.coop.test";
    private static final String NS = "urn:warden:muc:1";

    private final Path dir;
    private final SqliteStore store;
    private final ScheduledExecutorService timers;
    private final RoomsModule rooms;
    private final Map<String, IqHandler> handlers = new HashMap<>();

    /** {@code defaultCap}: the warden.muc.default-cap value, e.g. "10" or "null". */
    public RoomsHarness(String defaultCap) throws IOException {
        dir = Files.createTempDirectory("warden-bench");
        store = SqliteStore.open(dir.resolve("warden.db"), Clock.systemUTC());
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
        });
        // As the demo stack configures it: coop.test members (auth.hosts also makes them members for the
        // moderator rules), the MUC host, focus exempt.
        var config = ConfigFactory.parseString("warden { admins = [\"admin1@coop.test\"], auth { hosts = [\"coop.test\"] },"
                + " muc { hosts = [\"" + MUC
                + "\"], default-cap = " + defaultCap + ", exempt = [\"focus@coop.test\"] } }")
                .withFallback(ConfigFactory.defaultReference()).resolve();
        rooms = new RoomsModule(config, store, Clock.systemUTC(), (iq, timeout) -> emptySync(iq), timers);
        rooms.handlers().forEach(h -> handlers.put(h.element(), h));
        rooms.onLinkUp();
    }

    private static CompletableFuture<IQ> emptySync(IQ request) {
        IQ answer = IQ.createResultIQ(request);
        answer.setChildElement("sync", NS);
        return CompletableFuture.completedFuture(answer);
    }

    /** A request as mod_warden_muc builds it; build once and pass to {@link #handle} as often as needed. */
    public static IQ request(String kind, String room, String occupant, String nick) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(MUC);
        iq.setTo("warden.coop.test");
        Element e = iq.setChildElement(kind, NS);
        e.addAttribute("room", room);
        if (occupant != null) {
            e.addAttribute("occupant", occupant);
        }
        if (nick != null) {
            e.addAttribute("nick", nick);
        }
        return iq;
    }

    /** Handles a request; for create and join returns whether it was allowed, else true. */
    public boolean handle(IQ request) {
        IqHandler h = handlers.get(request.getChildElement().getName());
        IqOutcome outcome;
        try {
            outcome = h.handle(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("handler failed", e);
        }
        if (outcome instanceof IqOutcome.Result r) {
            return r.payload() == null || !"false".equals(r.payload().attributeValue("allow"));
        }
        throw new IllegalStateException("request refused: " + outcome);
    }

    /** One occupant's arrival as the MUC host reports it: join (decided), then joined. */
    public boolean arrive(String room, String occupant, String nick) {
        boolean allowed = handle(request("join", room, occupant, nick));
        if (allowed) {
            handle(request("joined", room, occupant, nick));
        }
        return allowed;
    }

    static String room(int i) {
        return "room" + i + "@" + MUC;
    }

    @Override
    public void close() throws IOException {
        rooms.close();
        timers.shutdownNow();
        store.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
