// PasswordChecker backed by Cyrus SASL (libsasl2 via JNA), normally talking to saslauthd.
package coop.warden.sasl;

import coop.warden.sasl.jna.CheckpassReply;
import coop.warden.sasl.jna.SaslLibrary;
import coop.warden.sasl.jna.SaslServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords with {@code sasl_checkpass}, reading the SASL application config an admin
 * already has for saslauthd (e.g. {@code xmpp.conf}: {@code pwcheck_method: saslauthd},
 * {@code mech_list: PLAIN}, {@code saslauthd_path: ...}).
 *
 * <p>libsasl2 is initialised once per process ({@code sasl_server_init} keeps the first app name
 * and config for good): several checkers may share one process only with the same
 * {@code appName} and config directory; {@code service}, {@code realm} and the pool may differ.
 * {@link #close()} stops this checker but leaves libsasl2 initialised.
 */
public final class CyrusPasswordChecker implements PasswordChecker {

    static final String LIBRARY_NAME = "libsasl2.so.2";
    private static final Logger LOG = LoggerFactory.getLogger(CyrusPasswordChecker.class);

    private final CheckExecutor executor;

    CyrusPasswordChecker(SaslConfig config, NativeCheck nativeCheck) {
        this.executor = new CheckExecutor(nativeCheck, config.timeout(), config.threads(), config.queueCapacity());
    }

    /**
     * Loads libsasl2, finds {@code <appName>.conf}, initialises libsasl2 (once per process) and
     * starts the check threads.
     *
     * @throws SaslUnavailableException with a message saying what to fix
     */
    public static CyrusPasswordChecker start(SaslConfig config) throws SaslUnavailableException {
        return start(config, LIBRARY_NAME);
    }

    static CyrusPasswordChecker start(SaslConfig config, String libraryName) throws SaslUnavailableException {
        SaslLibrary library = SaslLibrary.load(libraryName);
        List<Path> searchPath = AppConfigFile.defaultSearchPath(System.getenv("SASL_CONF_PATH"), library.file());
        Path confFile = AppConfigFile.locate(config.appName(), config.configPath(), searchPath);
        SaslServer server = library.initialiseServer(config.appName(), confFile.getParent());
        Map<String, String> settings = AppConfigFile.keySettings(confFile);
        LOG.info("{} ready: {} {}, service '{}', realm {}, {} threads, queue {}, timeout {} ms",
                library.version(), confFile, settings, config.service(),
                config.realm() == null ? "(none)" : "'" + config.realm() + "'",
                config.threads(), config.queueCapacity(), config.timeout().toMillis());
        if (!settings.getOrDefault("pwcheck_method", "").contains("saslauthd")) {
            LOG.warn("{} has no 'pwcheck_method: saslauthd': libsasl2 checks passwords with '{}'", confFile,
                    settings.getOrDefault("pwcheck_method", "auxprop (its default)"));
        }
        NativeCheck check = (user, pass) -> {
            CheckpassReply r = server.checkpass(config.service(), config.realm(), user, pass);
            return new NativeCheck.SaslReply(r.code(), r.detail());
        };
        return new CyrusPasswordChecker(config, check);
    }

    @Override
    public CompletableFuture<CheckResult> check(String username, byte[] password) {
        CredentialRules.Verdict verdict = CredentialRules.check(username, password);
        if (verdict instanceof CredentialRules.Verdict.Refused refused) {
            LOG.debug("sasl check refused before libsasl2: {}", refused.rule());
            return CompletableFuture.completedFuture(new CheckResult.Rejected());
        }
        byte[] usernameUtf8 = ((CredentialRules.Verdict.Ok) verdict).usernameUtf8();
        return executor.submit(username, usernameUtf8, password.clone());
    }

    @Override
    public void close() {
        executor.close();
    }
}
