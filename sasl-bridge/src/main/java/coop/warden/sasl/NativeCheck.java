// The seam between the check scheduling and libsasl2, so scheduling is testable without libsasl2.
package coop.warden.sasl;

/** One blocking native password check. May block forever (a hung saslauthd); callers bound it. */
@FunctionalInterface
interface NativeCheck {

    /**
     * @param username validated, UTF-8, no NUL
     * @param password validated, no NUL; the implementation must not keep or log it
     */
    SaslReply check(byte[] username, byte[] password);

    /** A libsasl2 return code with its error detail (empty on success). */
    record SaslReply(int code, String detail) {
    }
}
