// `warden config check`: the configuration, the files it names, and the Prosody side, one line per finding.
package coop.warden.cli;

import coop.warden.config.ComponentConfig;
import coop.warden.config.ReferenceConf;
import coop.warden.config.WardenConfig;
import coop.warden.health.Finding;
import coop.warden.health.ProsodyCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Each line starts with {@code ok}, {@code PROBLEM} or {@code note}; exit status 1 when any PROBLEM. */
final class ConfigCheck {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final PrintStream out;
    private WardenConfig config;
    private int problems;

    private ConfigCheck(PrintStream out) {
        this.out = out;
    }

    static int run(Args args, PrintStream out) throws Args.UsageException {
        if (args.words().equals(List.of("defaults"))) {
            out.print(ReferenceConf.packaged(ReferenceConf.text()));
            return 0;
        }
        if (!args.words().equals(List.of("check"))) {
            throw new Args.UsageException("config takes: check [--config FILE], or defaults");
        }
        return new ConfigCheck(out).check(args.config());
    }

    private int check(Path file) {
        try {
            config = WardenConfig.load(file);
        } catch (RuntimeException e) {
            problem("configuration " + file + ": " + e.getMessage());
            return 1;
        }
        ConfigValidation.Outcome validation = ConfigValidation.check(config);
        if (validation.problem().isPresent()) {
            problem("configuration " + file + ": " + validation.problem().get());
        } else {
            ok("configuration " + file + " is valid");
        }
        validation.warnings().forEach(this::note);
        files(config);
        prosody(config);
        return problems == 0 ? 0 : 1;
    }

    private void files(WardenConfig config) {
        String secretFile = config.raw().getString("warden.component.secret-file");
        if (!secretFile.isEmpty()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(Path.of(secretFile));
                if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                    problem("the component secret " + secretFile + " is readable by every user: chown root:warden "
                            + secretFile + " && chmod 640 " + secretFile);
                } else {
                    ok("the component secret " + secretFile + " is not readable by other users");
                }
            } catch (IOException | UnsupportedOperationException e) {
                note("cannot read the permissions of " + secretFile);
            }
        }
        var auth = config.auth();
        Optional<Path> socket = LoginAdvice.saslauthdPath(auth);
        if (socket.isEmpty()) {
            problem(auth.saslAppName() + ".conf not found" + (auth.saslConfigPath() == null ? " in /etc/sasl2 or"
                    + " /etc/sasl" : " in " + auth.saslConfigPath()) + ": create it with pwcheck_method: saslauthd"
                    + " and mech_list: PLAIN (warden.auth.sasl-app-name, sasl-config-path)");
        } else if (!Files.exists(socket.get())) {
            problem("saslauthd's socket " + socket.get() + " does not exist (as far as this user can see): is"
                    + " saslauthd running? (`warden check-login USER` tries a real check)");
        } else {
            ok("saslauthd's socket " + socket.get() + " exists");
        }
        if (auth.hosts().isEmpty()) {
            note("warden.auth.hosts is empty: Warden checks no logins");
        }
        Path store = Path.of(config.raw().getString("warden.store.path")).toAbsolutePath();
        Path dir = store.getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            problem("the store's directory " + dir + " is not a directory (a file of that name is in the way;"
                    + " warden.store.path)");
        } else if (!Files.isDirectory(dir)) {
            problem("the store's directory " + dir + " does not exist (warden.store.path)");
        } else if (Files.exists(store) && !Files.isRegularFile(store)) {
            problem("the store " + store + " is not a regular file (warden.store.path)");
        }
    }

    private void prosody(WardenConfig config) {
        ComponentConfig c = config.component();
        ComponentProbe.Attempt attempt = ComponentProbe.connect(c);
        if (attempt.probe() == null) {
            refused(c, attempt);
            return;
        }
        try (ComponentProbe probe = attempt.probe()) {
            ok("Prosody at " + c.host() + ":" + c.port() + " accepted the component secret for " + c.jid());
            findings(new ProsodyCheck(probe, c.jid(), config.auth().hosts(),
                    Set.copyOf(config.raw().getStringList("warden.muc.hosts")), ASK_TIMEOUT).run(), "");
        }
    }

    private void refused(ComponentConfig c, ComponentProbe.Attempt attempt) {
        String where = c.host() + ":" + c.port();
        switch (attempt.refusal()) {
            case WRONG_SECRET -> problem("Prosody at " + where + " refused the component secret for " + c.jid()
                    + " (not-authorized): the secret Warden reads (warden.component.secret-file) differs from"
                    + " component_secret in Prosody's Component \"" + c.jid() + "\" block");
            case UNKNOWN_COMPONENT -> problem("Prosody at " + where + " has no Component \"" + c.jid() + "\""
                    + " (host-unknown): add Component \"" + c.jid() + "\" with component_secret to Prosody's"
                    + " configuration and restart Prosody");
            case UNREACHABLE -> problem("cannot reach Prosody's component port " + where + " (" + attempt.detail()
                    + "): is Prosody running, with component_ports = { " + c.port() + " } and"
                    + " component_interfaces = { \"" + c.host() + "\" }?");
            case ALREADY_CONNECTED -> {
                ok("Prosody at " + where + " accepted the component secret for " + c.jid() + "; another instance"
                        + " (the running service?) is connected as " + c.jid());
                fromRunningService();
            }
            default -> problem("Prosody at " + where + " refused the connection for " + c.jid() + ": "
                    + attempt.detail());
        }
    }

    /** While the service holds the JID, ask it what its own Prosody check found. */
    private void fromRunningService() {
        Optional<List<Finding>> seen = RunningService.findings(config);
        if (seen.isEmpty()) {
            note("cannot ask the running service for its check of Prosody's modules (warden.metrics endpoint not"
                    + " reachable): enable it, or stop the service and run this again");
            return;
        }
        seen.get().forEach(f -> report(f, " (as the running service found after connecting)"));
    }

    private void findings(java.util.concurrent.CompletableFuture<List<Finding>> found, String suffix) {
        try {
            found.get(ASK_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).forEach(f -> report(f, suffix));
        } catch (ExecutionException | TimeoutException e) {
            problem("no answer from Prosody's hosts: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(Finding f, String suffix) {
        if (f.ok()) {
            ok(f.message() + suffix);
        } else {
            problem(f.message() + suffix);
        }
    }

    private void ok(String text) {
        out.println("ok       " + text);
    }

    private void note(String text) {
        out.println("note     " + text);
    }

    private void problem(String text) {
        problems++;
        out.println("PROBLEM  " + text);
    }
}
