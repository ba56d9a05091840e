// Who may run a meeting's breakout rooms besides Warden's admins.
package coop.warden.breakout;

import org.xmpp.packet.JID;

/**
 * The moderators of a meeting, as far as breakout rooms go. Behind an interface so that the
 * source can change (today {@link RulesModerators}, from the affiliations the moderator rules
 * grant) without touching the breakout commands. Admins are checked separately.
 */
public interface Moderators {

    /** Whether {@code person} (any resource) moderates the meeting held in {@code mainRoom}. */
    boolean isModerator(JID mainRoom, JID person);
}
