// `warden check-login USER`: the component's own password check, run once from the shell, like testsaslauthd.
package coop.warden.cli;

import coop.warden.auth.KdcReachability;
import coop.warden.config.AuthConfig;
import coop.warden.config.WardenConfig;
import coop.warden.sasl.CheckResult;
import coop.warden.sasl.CyrusPasswordChecker;
import coop.warden.sasl.SaslConfig;
import coop.warden.sasl.SaslUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code warden.auth} from the configuration and asks libsasl2 (so saslauthd, so the KDC)
 * exactly as the service does. Exit status 0 accepted, 1 rejected, 2 no verdict (including a
 * configuration that cannot be read). Never prints the password.
 */
final class CheckLogin {
    static final int ACCEPTED = 0;
    static final int REJECTED = 1;
    static final int UNAVAILABLE = 2;

    private CheckLogin() {
    }

    static int run(Args args, InputStream stdin, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.words().size() != 1) {
            throw new Args.UsageException("check-login takes exactly one username");
        }
        String user = args.words().get(0);
        AuthConfig auth;
        KdcReachability kdc;
        try {
            WardenConfig config = WardenConfig.load(args.config());
            auth = config.auth();
            kdc = KdcReachability.from(config.raw());
        } catch (RuntimeException e) {
            out.println("unavailable: cannot read the configuration " + args.config() + ": " + e.getMessage());
            return UNAVAILABLE;
        }
        String me = System.getProperty("user.name");
        LoginAdvice advice = new LoginAdvice(auth, me);
        byte[] password = null;
        try (CyrusPasswordChecker checker = CyrusPasswordChecker.start(new SaslConfig(auth.saslAppName(),
                auth.service(), auth.realm(), auth.saslConfigPath(), auth.timeout(), 1, 1))) {
            password = PasswordInput.read("Password for " + user + ": ", stdin);
            CheckResult r = checker.check(user, password).get(auth.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return report(r, user, auth, kdc, advice, me, out, err);
        } catch (SaslUnavailableException e) {
            out.println("unavailable: " + advice.cannotStart(e.getMessage()));
            return UNAVAILABLE;
        } catch (IOException | ExecutionException | TimeoutException e) {
            out.println("unavailable: " + advice.unavailable(e.toString()));
            return UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("unavailable: interrupted");
            return UNAVAILABLE;
        } finally {
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }
    }

    private static int report(CheckResult r, String user, AuthConfig auth, KdcReachability kdc, LoginAdvice advice,
                              String me, PrintStream out, PrintStream err) {
        String principal = user + (auth.realm() == null ? "" : "@" + auth.realm());
        if (r instanceof CheckResult.Unavailable u) {
            out.println("unavailable: " + advice.unavailable(u.reason()));
            out.println("  (libsasl2 said: " + u.reason() + "; members see temporary-auth-failure, \"try again later\")");
            return UNAVAILABLE;
        }
        if ("root".equals(me)) {
            err.println("note: run as root; the service runs as user warden, which needs group sasl to reach"
                    + " saslauthd: runuser -u warden -- warden check-login " + user);
        }
        if (r instanceof CheckResult.Accepted) {
            out.println("accepted: saslauthd accepted the password of " + principal + " (service "
                    + auth.service() + ")");
            return ACCEPTED;
        }
        if (!kdc.reachable()) {
            // What the service does too: a NO while no KDC answers is an outage, not a wrong password.
            out.println("unavailable: saslauthd said no, but no Kerberos KDC accepts connections at "
                    + String.join(", ", kdc.addresses()) + " (warden.auth.kdc-probe): the KDC is down or"
                    + " unreachable, and saslauthd cannot tell that from a wrong password. Start the KDC or check"
                    + " the network to it (members see temporary-auth-failure, \"try again later\")");
            return UNAVAILABLE;
        }
        out.println("rejected: saslauthd refused " + principal + ": wrong password, no such principal, or a"
                + " disabled or expired account (members see not-authorized)");
        return REJECTED;
    }
}
