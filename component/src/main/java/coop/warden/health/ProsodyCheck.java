// Asks Prosody, over a component connection, whether Warden's modules are loaded where the config says.
package coop.warden.health;

import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * For each {@code warden.auth.hosts} entry, a disco#info query to the VirtualHost: mod_auth_warden
 * announces the feature {@code urn:warden:auth:1} there. For each {@code warden.muc.hosts} entry,
 * a {@code urn:warden:muc:1} sync request: mod_warden_muc answers it only when its
 * {@code warden_component} is this component, and refuses it with {@code forbidden} otherwise.
 */
public final class ProsodyCheck {
    static final String AUTH_FEATURE = "urn:warden:auth:1";
    static final String MUC_NAMESPACE = "urn:warden:muc:1";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private final IqRequester requester;
    private final String component;
    private final Set<String> authHosts;
    private final Set<String> mucHosts;
    private final Duration timeout;

    public ProsodyCheck(IqRequester requester, String component, Set<String> authHosts, Set<String> mucHosts,
                        Duration timeout) {
        this.requester = requester;
        this.component = component;
        this.authHosts = new TreeSet<>(authHosts);
        this.mucHosts = new TreeSet<>(mucHosts);
        this.timeout = timeout;
    }

    /** One finding per configured host, auth hosts first; never completes exceptionally. */
    public CompletableFuture<List<Finding>> run() {
        List<CompletableFuture<Finding>> all = new ArrayList<>();
        authHosts.forEach(h -> all.add(ask(h, "query", DISCO_INFO).thenApply(a -> authFinding(h, a))));
        mucHosts.forEach(h -> all.add(ask(h, "sync", MUC_NAMESPACE).thenApply(a -> mucFinding(h, a))));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    /** The answer, or the failure's description when there was none. */
    private record Answer(IQ iq, String failure) {
        String condition() {
            PacketError e = iq == null ? null : iq.getError();
            return e == null || e.getCondition() == null ? "" : e.getCondition().toXMPP();
        }
    }

    private CompletableFuture<Answer> ask(String host, String element, String namespace) {
        IQ iq = new IQ(IQ.Type.get);
        iq.setFrom(component);
        iq.setTo(host);
        iq.setChildElement(element, namespace);
        CompletableFuture<IQ> sent;
        try {
            sent = requester.request(iq, timeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, failure) -> failure == null ? new Answer(reply, null)
                : new Answer(null, failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : "the component link failed (" + failure.getClass().getSimpleName() + ")"));
    }

    private Finding authFinding(String host, Answer a) {
        if (a.failure() != null) {
            return Finding.problem(host, "cannot check " + host + ": " + a.failure());
        }
        if (a.iq().getType() == IQ.Type.error) {
            return Finding.problem(host, "Prosody answered " + a.condition() + " for " + host + ": is it a"
                    + " VirtualHost in Prosody's configuration? (warden.auth.hosts lists it)");
        }
        if (hasFeature(a.iq(), AUTH_FEATURE)) {
            return Finding.ok(host, "mod_auth_warden is loaded on " + host);
        }
        return Finding.problem(host, "mod_auth_warden is not loaded on " + host + ": in its VirtualHost set"
                + " authentication = \"warden\" and warden_component = \"" + component + "\", make sure"
                + " plugin_paths holds Warden's Prosody modules (the .deb puts them in"
                + " /usr/share/warden/prosody-modules), and restart Prosody; if it still fails, Prosody's log"
                + " says why the module did not load");
    }

    private Finding mucFinding(String host, Answer a) {
        if (a.failure() != null) {
            return Finding.problem(host, "cannot check " + host + ": " + a.failure());
        }
        if (a.iq().getType() == IQ.Type.result) {
            return Finding.ok(host, "mod_warden_muc is loaded on " + host + " and asks " + component);
        }
        return switch (a.condition()) {
            case "forbidden" -> Finding.problem(host, "mod_warden_muc is loaded on " + host + " but its"
                    + " warden_component names another component: set warden_component = \"" + component
                    + "\" in Component \"" + host + "\"");
            case "service-unavailable", "feature-not-implemented" -> Finding.problem(host, "mod_warden_muc is not"
                    + " loaded on " + host + ": in Component \"" + host + "\" \"muc\" add modules_enabled ="
                    + " { \"warden_muc\" } and warden_component = \"" + component + "\", then restart Prosody");
            default -> Finding.problem(host, "Prosody answered " + a.condition() + " for " + host + ": is it a"
                    + " MUC Component in Prosody's configuration? (warden.muc.hosts lists it)");
        };
    }

    private static boolean hasFeature(IQ reply, String feature) {
        Element query = reply.getChildElement();
        if (query == null) {
            return false;
        }
        for (Element f : query.elements("feature")) {
            if (feature.equals(f.attributeValue("var"))) {
                return true;
            }
        }
        return false;
    }
}
