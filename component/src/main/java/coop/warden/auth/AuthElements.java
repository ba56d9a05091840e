// Wire format of urn:warden:auth:1 (see docs/protocol.md): parsing the check, building the outcome.
package coop.warden.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** Element names and constants of the password-check exchange. */
final class AuthElements {
    static final String NAMESPACE = "urn:warden:auth:1";
    static final String CHECK = "check";
    static final String OUTCOME = "outcome";
    /** saslauthd caps each field at 256 bytes including its terminator. */
    static final int MAX_FIELD_BYTES = 255;
    /** Base64 of a 255-byte password is 340 characters; anything much longer is hostile. */
    private static final int MAX_B64_CHARS = 400;

    private AuthElements() {
    }

    /** A parsed check request; {@code password} belongs to the caller, who wipes it. */
    record CheckRequest(String username, byte[] password, String ip) {}

    /** Thrown for a request the component will not run; the message is safe to show. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    static CheckRequest parse(Element check) throws BadRequest {
        String username = check.elementText("username");
        String b64 = check.elementText("password");
        if (username == null || username.isEmpty()) {
            throw new BadRequest("The check has no username.");
        }
        if (b64 == null || b64.isEmpty()) {
            throw new BadRequest("The check has no password.");
        }
        if (username.indexOf('\0') >= 0 || username.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
            throw new BadRequest("The username is not acceptable.");
        }
        if (b64.length() > MAX_B64_CHARS) {
            throw new BadRequest("The password is too long.");
        }
        byte[] password;
        try {
            password = Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("The password is not valid base64.");
        }
        if (password.length == 0 || password.length > MAX_FIELD_BYTES || contains(password, (byte) 0)) {
            java.util.Arrays.fill(password, (byte) 0);
            throw new BadRequest("The password is not acceptable.");
        }
        String ip = check.elementText("ip");
        return new CheckRequest(username, password, ip == null || ip.isBlank() ? null : ip.strip());
    }

    static Element outcome(String value) {
        Element e = DocumentHelper.createElement(QName.get(OUTCOME, NAMESPACE));
        e.addAttribute("value", value);
        return e;
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
