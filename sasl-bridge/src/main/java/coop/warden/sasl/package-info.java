// Password checks through Cyrus SASL: the API the component codes against.
/**
 * Password checks through Cyrus SASL (libsasl2), normally answered by saslauthd.
 *
 * <p>Public: {@link coop.warden.sasl.PasswordChecker}, {@link coop.warden.sasl.CheckResult},
 * {@link coop.warden.sasl.SaslConfig}, {@link coop.warden.sasl.CyrusPasswordChecker},
 * {@link coop.warden.sasl.SaslUnavailableException} and the {@link coop.warden.sasl.CheckTool} command.
 * Everything else is package-private; JNA types live only in {@code coop.warden.sasl.jna}.
 */
package coop.warden.sasl;
