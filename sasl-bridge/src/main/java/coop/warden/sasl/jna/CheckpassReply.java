// What sasl_checkpass returned, in plain Java types.
package coop.warden.sasl.jna;

/**
 * @param code   the libsasl2 return code (SASL_OK = 0, SASL_BADAUTH = -13, ...)
 * @param detail {@code sasl_errdetail} for failures, empty on success; never holds the password
 */
public record CheckpassReply(int code, String detail) {
}
