// Maps libsasl2's sasl_checkpass return codes to the three check outcomes, in one place.
package coop.warden.sasl;

import java.util.Map;

/**
 * The return codes of {@code sasl_checkpass} (sasl.h, Cyrus SASL 2.1.28) and what each means for
 * a login. With {@code pwcheck_method: saslauthd} libsasl2 only ever answers three ways, all
 * observed against a real saslauthd: {@code SASL_OK} for "OK", {@code SASL_BADAUTH} for any "NO"
 * (wrong password and unknown user alike, and also a KDC that refuses connections), and
 * {@code SASL_FAIL} when it cannot talk to saslauthd (socket missing, connection refused,
 * permission denied, connection closed before an answer). The other codes come from other
 * pwcheck methods (auxprop, pwcheck) or from libsasl2 itself.
 *
 * <p>Rule: a code that is a verdict about these credentials is {@link CheckResult.Rejected};
 * everything else means "no verdict", so {@link CheckResult.Unavailable}, and the client may
 * retry later. Unknown codes are Unavailable: never let an unexpected code become a login.
 */
final class SaslOutcomes {

    static final int SASL_OK = 0;
    static final int SASL_FAIL = -1;
    static final int SASL_NOMEM = -2;
    static final int SASL_BUFOVER = -3;
    static final int SASL_NOMECH = -4;
    static final int SASL_BADPARAM = -7;
    static final int SASL_TRYAGAIN = -8;
    static final int SASL_NOTINIT = -12;
    static final int SASL_BADAUTH = -13;
    static final int SASL_NOAUTHZ = -14;
    static final int SASL_EXPIRED = -18;
    static final int SASL_DISABLED = -19;
    static final int SASL_NOUSER = -20;
    static final int SASL_PWLOCK = -21;
    static final int SASL_UNAVAIL = -24;
    static final int SASL_NOVERIFY = -26;
    static final int SASL_CONFIGERR = -100;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(SASL_OK, "SASL_OK"), Map.entry(SASL_FAIL, "SASL_FAIL"),
            Map.entry(SASL_NOMEM, "SASL_NOMEM"), Map.entry(SASL_BUFOVER, "SASL_BUFOVER"),
            Map.entry(SASL_NOMECH, "SASL_NOMECH"), Map.entry(SASL_BADPARAM, "SASL_BADPARAM"),
            Map.entry(SASL_TRYAGAIN, "SASL_TRYAGAIN"), Map.entry(SASL_NOTINIT, "SASL_NOTINIT"),
            Map.entry(SASL_BADAUTH, "SASL_BADAUTH"), Map.entry(SASL_NOAUTHZ, "SASL_NOAUTHZ"),
            Map.entry(SASL_EXPIRED, "SASL_EXPIRED"), Map.entry(SASL_DISABLED, "SASL_DISABLED"),
            Map.entry(SASL_NOUSER, "SASL_NOUSER"), Map.entry(SASL_PWLOCK, "SASL_PWLOCK"),
            Map.entry(SASL_UNAVAIL, "SASL_UNAVAIL"), Map.entry(SASL_NOVERIFY, "SASL_NOVERIFY"),
            Map.entry(SASL_CONFIGERR, "SASL_CONFIGERR"));

    private SaslOutcomes() {
    }

    /**
     * The outcome for a {@code sasl_checkpass} return code.
     *
     * @param detail libsasl2's {@code sasl_errdetail} text, used only in the Unavailable reason
     */
    static CheckResult classify(int code, String detail) {
        return switch (code) {
            case SASL_OK -> new CheckResult.Accepted();
            // Verdicts about these credentials. BUFOVER only arises from an over-long name
            // (canonicalisation), i.e. from the input, never from the backend's health.
            case SASL_BADAUTH, SASL_NOUSER, SASL_NOAUTHZ, SASL_NOVERIFY, SASL_EXPIRED,
                 SASL_DISABLED, SASL_PWLOCK, SASL_BUFOVER -> new CheckResult.Rejected();
            // SASL_FAIL: saslauthd unreachable or hung up. UNAVAIL/TRYAGAIN: backend says later.
            // NOMECH/BADPARAM/NOTINIT/CONFIGERR: our or the admin's configuration. NOMEM: local.
            default -> new CheckResult.Unavailable(describe(code, detail));
        };
    }

    /** {@code "SASL_FAIL (-1): generic failure: cannot connect to saslauthd server: ..."}. */
    static String describe(int code, String detail) {
        String name = NAMES.getOrDefault(code, "unknown SASL code");
        String text = detail == null || detail.isBlank() ? "" : ": " + detail;
        return name + " (" + code + ")" + text;
    }
}
