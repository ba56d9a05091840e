// The service's health as /health reports it: the link's state and what the last Prosody check found.
package coop.warden.health;

import coop.warden.xmpp.LinkState;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Healthy means connected to Prosody: without the link no login or join can be decided. The
 * Prosody check runs after every (re)connect; its problems are logged once per connect and shown in
 * the report, but do not make Warden unhealthy (a host may be mid-migration on purpose).
 */
public final class Health {
    private static final Logger log = LoggerFactory.getLogger(Health.class);

    private final Supplier<LinkState> link;
    private final Supplier<ProsodyCheck> check;
    private volatile List<Finding> findings = List.of();

    /**
     * @param check makes a fresh check per connect (null: none, e.g. in tests)
     */
    public Health(Supplier<LinkState> link, Supplier<ProsodyCheck> check) {
        this.link = Objects.requireNonNull(link);
        this.check = check;
    }

    /** Call after every (re)connect; the check runs asynchronously. */
    public void onLinkUp() {
        if (check == null) {
            return;
        }
        check.get().run().thenAccept(found -> {
            findings = List.copyOf(found);
            for (Finding f : found) {
                if (f.ok()) {
                    log.info("prosody check: {}", f.message());
                } else {
                    log.warn("prosody check: {}", f.message());
                }
            }
        });
    }

    /** HTTP status (200 or 503) and a small JSON body. */
    public record Report(int status, String json) {}

    public Report report() {
        LinkState state = link.get();
        boolean up = state == LinkState.CONNECTED;
        StringBuilder b = new StringBuilder(256);
        b.append("{\"status\":\"").append(up ? "up" : "down").append("\",\"link\":\"").append(state).append('"');
        b.append(",\"prosody\":[");
        List<Finding> now = findings;
        for (int i = 0; i < now.size(); i++) {
            Finding f = now.get(i);
            b.append(i == 0 ? "" : ",").append("{\"host\":").append(quote(f.host()))
                    .append(",\"ok\":").append(f.ok()).append(",\"message\":").append(quote(f.message())).append('}');
        }
        b.append("]}\n");
        return new Report(up ? 200 : 503, b.toString());
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
