// The moderator rule sets: who owns a room and who moderates it (docs/admin-guide.md, "Moderator rules").
package coop.warden.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A rule set, by its wire and storage name ({@code members-moderate}, ...). */
public enum RuleSet {
    /** Every member is an owner (and so a moderator); guests are participants. */
    MEMBERS_MODERATE("members-moderate", "every member moderates; guests are participants"),
    /** The first member in owns the room; it passes to another member when they leave for good. */
    FIRST_MEMBER_OWNS("first-member-owns", "the first member to join owns and moderates the room"),
    /** Only the members an admin listed for the room moderate. */
    LISTED("listed", "only the members listed for the room moderate");

    private final String wire;
    private final String description;

    RuleSet(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    /** {@code members-moderate}: the storage form, also what admins type and see. */
    public String wire() {
        return wire;
    }

    /** One line for admins: what the rule set does. */
    public String description() {
        return description;
    }

    /**
     * Parses a rule set's name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException with a message meant for the admin
     */
    public static RuleSet parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (RuleSet r : values()) {
            if (r.wire.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException((t.isEmpty() ? "Give a rule set" : "“" + text.strip() + "” is not a rule set")
                + ": one of " + names() + ".");
    }

    /** "members-moderate, first-member-owns, listed". */
    public static String names() {
        return Arrays.stream(values()).map(RuleSet::wire).collect(Collectors.joining(", "));
    }
}
