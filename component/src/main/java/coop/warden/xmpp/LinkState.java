// States of the component link, as logged ("link state: CONNECTED") and reported by health checks.
package coop.warden.xmpp;

public enum LinkState {
    /** Not connected; a reconnect attempt is scheduled. */
    DISCONNECTED,
    /** A connect and handshake is under way. */
    CONNECTING,
    /** Handshake accepted; stanzas flow. */
    CONNECTED,
    /** Shut down for good. */
    STOPPED
}
