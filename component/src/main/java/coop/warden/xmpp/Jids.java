// Parses JIDs from text a client or peer chose, refusing at once what is too long to be a JID.
package coop.warden.xmpp;

import org.xmpp.packet.JID;

/**
 * Tinder's {@code new JID(text)} runs libidn's stringprep over the whole text before it checks any
 * length, at about 30 µs a character on this project's VM: a member's 60,000-character breakout
 * request cost Warden 2.3 s of CPU on the demo stack. No JID is longer than {@link #MAX_LENGTH}
 * (RFC 7622: local, domain and resource parts of at most 1023 bytes each), so longer text is
 * refused before it is prepared. Use this for every JID parsed from untrusted text.
 */
public final class Jids {
    /** Three parts of at most 1023 bytes, an {@code @} and a {@code /}. */
    public static final int MAX_LENGTH = 3 * 1023 + 2;

    private Jids() {}

    /**
     * Like {@code new JID(text)}.
     *
     * @throws IllegalArgumentException when {@code text} is not a valid JID, at once when it is too long
     */
    public static JID parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than any JID (" + text.length() + " characters)");
        }
        return new JID(text);
    }
}
