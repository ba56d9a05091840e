// Where the component's outgoing stanzas go: the live component link, or a list in tests.
package coop.warden.xmpp;

import org.xmpp.packet.Packet;

/** Sends a stanza over the component link; drops it (with a log line) while the link is down. */
@FunctionalInterface
public interface StanzaSender {
    void send(Packet packet);
}
