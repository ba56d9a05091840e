// Wire format of urn:warden:auth:1 (see docs/protocol.md): parsing the check, building the outcome and revoke.
package coop.warden.auth;

import com.google.common.net.InetAddresses;
import gnu.inet.encoding.Stringprep;
import gnu.inet.encoding.StringprepException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** Element names and constants of the password-check exchange; the parser is strict. */
final class AuthElements {
    static final String NAMESPACE = "urn:warden:auth:1";
    static final String CHECK = "check";
    static final String OUTCOME = "outcome";
    static final String REVOKE = "revoke";
    static final String REVOKED = "revoked";
    /** saslauthd caps each field at 256 bytes including its terminator. */
    static final int MAX_FIELD_BYTES = 255;
    /** Base64 of a 255-byte password is 340 characters; anything much longer is hostile. */
    private static final int MAX_B64_CHARS = 400;
    /** The longest textual IPv6 address (with an embedded IPv4 part) is 45 characters. */
    private static final int MAX_IP_CHARS = 64;
    /** A check has three children; later minor versions may add a few, not hundreds. */
    private static final int MAX_CHILDREN = 16;
    private static final Set<String> FIELDS = Set.of("username", "password", "ip");

    private AuthElements() {
    }

    /**
     * A parsed check request; {@code password} belongs to the caller, who wipes it.
     *
     * @param ip the client's address, {@code null} when the plugin did not send one
     */
    record CheckRequest(String username, byte[] password, InetAddress ip) {}

    /** Thrown for a request the component will not run; the message is safe to show. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    static CheckRequest parse(Element check) throws BadRequest {
        Map<String, String> fields = fields(check);
        String username = fields.get("username");
        String b64 = fields.get("password");
        if (username == null || username.isEmpty()) {
            throw new BadRequest("The check has no username.");
        }
        if (b64 == null || b64.isEmpty()) {
            throw new BadRequest("The check has no password.");
        }
        checkUsername(username);
        InetAddress ip = ip(fields.get("ip"));
        return new CheckRequest(username, password(b64), ip);
    }

    /** The known fields, each at most once, in this namespace, as plain text. Unknown children are ignored. */
    private static Map<String, String> fields(Element check) throws BadRequest {
        List<Element> children = check.elements();
        if (children.size() > MAX_CHILDREN) {
            throw new BadRequest("The check has too many elements.");
        }
        Map<String, String> fields = new HashMap<>();
        for (Element child : children) {
            if (!NAMESPACE.equals(child.getNamespaceURI()) || !FIELDS.contains(child.getName())) {
                continue;
            }
            if (!child.elements().isEmpty()) {
                throw new BadRequest("The " + child.getName() + " element must hold text only.");
            }
            if (child.getText().length() > MAX_B64_CHARS) {
                throw new BadRequest("The " + child.getName() + " element is too long.");
            }
            if (fields.put(child.getName(), child.getText()) != null) {
                throw new BadRequest("The check has more than one " + child.getName() + " element.");
            }
        }
        return fields;
    }

    /**
     * The plugin sends the nodeprepped localpart; anything else (uppercase, '@' as in
     * {@code alice@OTHER.REALM}, spaces, control characters) is a broken or hostile peer.
     */
    private static void checkUsername(String username) throws BadRequest {
        if (username.indexOf('\0') >= 0 || username.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
            throw new BadRequest("The username is not acceptable.");
        }
        String prepped;
        try {
            prepped = Stringprep.nodeprep(username);
        } catch (StringprepException | RuntimeException e) {
            prepped = null;
        }
        if (!username.equals(prepped)) {
            throw new BadRequest("The username is not a valid XMPP localpart (nodeprep).");
        }
    }

    private static byte[] password(String b64) throws BadRequest {
        byte[] password;
        try {
            password = Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("The password is not valid base64.");
        }
        if (password.length == 0 || password.length > MAX_FIELD_BYTES || contains(password, (byte) 0)) {
            Arrays.fill(password, (byte) 0);
            throw new BadRequest("The password is not acceptable.");
        }
        return password;
    }

    /** An IP literal (never a host name: no DNS lookup happens here), or null when absent. */
    private static InetAddress ip(String text) throws BadRequest {
        if (text == null || text.isBlank()) {
            return null;
        }
        String ip = text.strip();
        if (ip.length() > MAX_IP_CHARS || !InetAddresses.isInetAddress(ip)) {
            throw new BadRequest("The ip is not an IP address.");
        }
        return InetAddresses.forString(ip);
    }

    static Element outcome(String value) {
        Element e = DocumentHelper.createElement(QName.get(OUTCOME, NAMESPACE));
        e.addAttribute("value", value);
        return e;
    }

    /** {@code <revoke xmlns='urn:warden:auth:1'><username>alice</username></revoke>}. */
    static Element revoke(String username) {
        Element e = DocumentHelper.createElement(QName.get(REVOKE, NAMESPACE));
        e.addElement(QName.get("username", NAMESPACE)).setText(username);
        return e;
    }

    /** The number of sessions a host reports it ended, or -1 when its answer does not say. */
    static int revokedSessions(Element answer) {
        if (answer == null || !REVOKED.equals(answer.getName()) || !NAMESPACE.equals(answer.getNamespaceURI())) {
            return -1;
        }
        try {
            return Integer.parseInt(answer.attributeValue("sessions", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
