// The JNA binding to libsasl2: internal to sasl-bridge.
/**
 * The JNA binding to libsasl2 (Cyrus SASL 2.1.28). Internal to sasl-bridge: its public classes are
 * public only so that {@code coop.warden.sasl} can reach them; other modules use
 * {@link coop.warden.sasl.PasswordChecker}. No JNA type appears outside this package.
 */
package coop.warden.sasl.jna;
