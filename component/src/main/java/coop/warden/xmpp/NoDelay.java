// Turns off Nagle's algorithm on Whack's component socket, which Whack 3.1.0 leaves on.
package coop.warden.xmpp;

import java.lang.reflect.Field;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Optional;
import org.jivesoftware.whack.ExternalComponent;
import org.jivesoftware.whack.ExternalComponentManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;

/**
 * Whack opens the XEP-0114 socket itself and never sets TCP_NODELAY. With Nagle's algorithm on,
 * an answer written while the previous one is still unacknowledged waits for Prosody's delayed
 * ACK, about 40 ms: a join decision or a password check that goes out right after another
 * answer arrives 40 ms late (measured by scripts/bench.sh, see docs/performance.md). Whack has
 * no hook for socket options, so this reaches its private socket by reflection. If a Whack
 * upgrade renames the fields, it logs a warning and the link works as before, only slower.
 */
final class NoDelay {
    private static final Logger log = LoggerFactory.getLogger(NoDelay.class);

    private NoDelay() {
    }

    /** Sets TCP_NODELAY on {@code component}'s connection; false (after a warning) if it cannot. */
    static boolean apply(ExternalComponentManager manager, Component component) {
        Optional<Socket> socket = socketOf(manager, component);
        if (socket.isEmpty()) {
            log.warn("cannot reach Whack's component socket to turn Nagle's algorithm off:"
                    + " answers to Prosody may be delayed by up to 40 ms");
            return false;
        }
        try {
            socket.get().setTcpNoDelay(true);
            return true;
        } catch (SocketException e) {
            log.warn("cannot set TCP_NODELAY on the component socket: {}", e.getMessage());
            return false;
        }
    }

    /** Whack's socket for {@code component} (ExternalComponentManager.components → ExternalComponent.socket). */
    static Optional<Socket> socketOf(ExternalComponentManager manager, Component component) {
        try {
            Field components = ExternalComponentManager.class.getDeclaredField("components");
            components.setAccessible(true);
            Object external = ((Map<?, ?>) components.get(manager)).get(component);
            if (!(external instanceof ExternalComponent)) {
                return Optional.empty();
            }
            Field socket = ExternalComponent.class.getDeclaredField("socket");
            socket.setAccessible(true);
            return Optional.ofNullable((Socket) socket.get(external));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
