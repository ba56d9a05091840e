// A throwaway XEP-0114 connection: does Prosody take this JID and secret, and what do its hosts answer?
package coop.warden.cli;

import coop.warden.config.ComponentConfig;
import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.whack.ExternalComponentManager;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * One handshake with Prosody's component port, as the service would do it. Prosody refuses a
 * second connection for a JID that is already connected with {@code conflict}, and it checks the
 * secret before that, so a conflict also means the secret is right. Never logs or prints the secret.
 */
final class ComponentProbe implements IqRequester, AutoCloseable {

    /** Why Prosody did not take the connection; null in {@link Attempt} when it did. */
    enum Refusal { WRONG_SECRET, ALREADY_CONNECTED, UNKNOWN_COMPONENT, UNREACHABLE, OTHER }

    /** Either {@code probe} (connected; close it) or {@code refusal} with a detail for the admin. */
    record Attempt(ComponentProbe probe, Refusal refusal, String detail) {}

    private final ExternalComponentManager manager;
    private final ProbeComponent component;
    private final String jid;
    private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private ComponentProbe(ExternalComponentManager manager, ProbeComponent component, String jid) {
        this.manager = manager;
        this.component = component;
        this.jid = jid;
    }

    static Attempt connect(ComponentConfig config) {
        ExternalComponentManager manager = new ExternalComponentManager(config.host(), config.port(), false);
        manager.setConnectTimeout((int) config.connectTimeout().toMillis());
        manager.setSecretKey(config.jid(), config.secret().reveal());
        manager.setMultipleAllowed(config.jid(), false);
        ProbeComponent component = new ProbeComponent();
        try {
            manager.addComponent(config.jid(), component);
        } catch (ComponentException e) {
            return refused(e);
        } catch (RuntimeException e) {
            return new Attempt(null, Refusal.OTHER, e.getClass().getSimpleName());
        }
        ComponentProbe probe = new ComponentProbe(manager, component, config.jid());
        component.probe = probe;
        return new Attempt(probe, null, null);
    }

    private static Attempt refused(ComponentException e) {
        StreamError error = e.getStreamError();
        if (error == null) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Attempt(null, Refusal.UNREACHABLE, cause.getClass().getSimpleName()
                    + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
        }
        return switch (error.getCondition()) {
            case not_authorized -> new Attempt(null, Refusal.WRONG_SECRET, "not-authorized");
            case conflict -> new Attempt(null, Refusal.ALREADY_CONNECTED, "conflict");
            case host_unknown -> new Attempt(null, Refusal.UNKNOWN_COMPONENT, "host-unknown");
            default -> new Attempt(null, Refusal.OTHER, error.getCondition().toXMPP());
        };
    }

    @Override
    public CompletableFuture<IQ> request(IQ iq, Duration timeout) {
        String id = "wcheck-" + ids.incrementAndGet();
        iq.setID(id);
        if (iq.getFrom() == null) {
            iq.setFrom(jid);
        }
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, f) -> pending.remove(id));
        manager.sendPacket(component, iq);
        return answer;
    }

    private void answered(IQ iq) {
        CompletableFuture<IQ> waiting = iq.getID() == null ? null : pending.get(iq.getID());
        if (waiting != null) {
            waiting.complete(iq);
        }
    }

    @Override
    public void close() {
        try {
            manager.removeComponent(jid);
        } catch (ComponentException | RuntimeException e) {
            // the process ends right after; nothing to clean up further
        }
    }

    /** Only collects answers; requests to the probe are ignored. */
    private static final class ProbeComponent implements Component {
        volatile ComponentProbe probe;

        @Override
        public String getName() {
            return "Warden configuration check";
        }

        @Override
        public String getDescription() {
            return "warden config check";
        }

        @Override
        public void processPacket(Packet packet) {
            if (packet instanceof IQ iq && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error)
                    && probe != null) {
                probe.answered(iq);
            }
        }

        @Override
        public void initialize(JID jid, ComponentManager componentManager) {
        }

        @Override
        public void start() {
        }

        @Override
        public void shutdown() {
        }
    }
}
