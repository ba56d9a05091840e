// Seeded hostile input for the fuzz tests: nasty strings, JIDs that almost parse, nested junk elements.
package coop.warden.rooms;

import java.util.Random;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** Everything comes from one {@link Random}, so a failure reruns the same way from its seed. */
public final class Hostile {
    private static final String[] NAMESPACES = {"", "jabber:x:data", "http://jabber.org/protocol/commands",
        "urn:warden:muc:1", "urn:warden:muc:2", "urn:warden:auth:1", "jabber:client", "urn:x-junk"};
    private static final String[] NAMES = {"x", "field", "value", "command", "join", "room", "occupant", "sync",
        "note", "actions", "option", "decision", "junk"};

    private final Random random;

    public Hostile(Random random) {
        this.random = random;
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public int upTo(int n) {
        return random.nextInt(n + 1);
    }

    /** A string an attacker or a broken client might send where text is expected. */
    public String text() {
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> "   ";
            case 2 -> "a".repeat(1000 + random.nextInt(100_000));
            case 3 -> "\t\n\r line\nbreaks \u0085\u2028\u2029";
            case 4 -> "ctrl\u0001\u0007\u001b\u007f";
            case 5 -> "nul\u0000byte";
            case 6 -> "\uD800 lone surrogate \uDFFF \uFFFE\uFFFF";
            case 7 -> "\u202Eevil\u202C \u200B zero width \uFEFF";
            case 8 -> "räum ☃ 𝄞 日本語 🙂";
            case 9 -> "<x/> & ' \" ]]>";
            case 10 -> "%s %n {0} ${jndi:ldap://x}";
            case 11 -> Long.toString(random.nextLong());
            case 12 -> "٣"; // a digit, but not an ASCII one
            case 13 -> "-0";
            case 14 -> "99999999999999999999999";
            default -> Integer.toString(random.nextInt(5));
        };
    }

    /** Mostly room-like JIDs on and off the managed host, some broken. */
    public String roomish() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> "r" + random.nextInt(4) + "@conference.coop.test";
            case 3 -> "r1@conference.coop.test/Nick";
            case 4 -> "conference.coop.test";
            case 5 -> "r1@other.test";
            case 6 -> "a@@b";
            case 7 -> "a".repeat(1100) + "@conference.coop.test";
            case 8 -> "R1@Conference.Coop.Test";
            case 9 -> "r1@conference.coop.test/" + "n".repeat(1100);
            case 10 -> text() + "@conference.coop.test";
            default -> text();
        };
    }

    /** Member-, guest-, service- and admin-like full JIDs, and junk. */
    public String personish() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> pick("alice", "bob", "carol", "dave") + "@coop.test/" + pick("dev", "phone");
            case 2 -> "guest" + random.nextInt(3) + "@guest.coop.test/web";
            case 3 -> "focus@auth.coop.test/f";
            case 4 -> "admin@coop.test/laptop";
            case 5 -> "alice@coop.test";
            case 6 -> "coop.test";
            case 7 -> "a@@b/c";
            default -> text();
        };
    }

    /** An element tree in random names and namespaces, with random attributes and text. */
    public Element junk(int depth) {
        Element e = DocumentHelper.createElement(QName.get(pick(NAMES), pick(NAMESPACES)));
        if (chance(50)) {
            e.addAttribute(pick("type", "var", "node", "room", "jid", "id"), text());
        }
        int children = depth < 3 ? random.nextInt(4) : 0;
        for (int i = 0; i < children; i++) {
            if (chance(50)) {
                e.add(junk(depth + 1));
            } else {
                e.addText(text());
            }
        }
        return e;
    }
}
