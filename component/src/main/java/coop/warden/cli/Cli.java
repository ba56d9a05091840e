// The `warden` command: runs the service, checks a login or the configuration, and runs admin actions.
package coop.warden.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import coop.warden.Main;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code warden [run] [--config FILE]} starts the service (what the systemd unit runs); every
 * other subcommand is a short-lived tool that logs only warnings, to stderr.
 */
public final class Cli {
    static final int USAGE = 64;

    private static final String HELP = """
            usage: warden [run] [--config FILE]          run the service (default config /etc/warden/warden.conf)
                   warden check-login USER                check a password the way the service does
                                                          (password from the terminal, or stdin's first line);
                                                          exit 0 accepted, 1 rejected, 2 backend unavailable
                   warden config check                    check the configuration and the Prosody side
                   warden config defaults                 print every key with its default (a warden.conf)
                   warden ADMIN-ACTION [--as JID] [--password-file FILE] [--ca-file PEM] [--host H] [--port P]
              admin actions (run Warden's ad-hoc commands, logged in to Prosody as an admin):
            %s
              every subcommand takes --config FILE; --verbose shows the log.
            """;

    private Cli() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("run") || args[0].startsWith("-") && !isHelp(args[0])) {
            Main.main(args.length > 0 && args[0].equals("run") ? Arrays.copyOfRange(args, 1, args.length) : args);
            return;
        }
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs a tool subcommand and returns its exit status. */
    static int run(String[] argv, InputStream stdin, PrintStream out, PrintStream err) {
        List<String> words = List.of(argv);
        if (isHelp(words.get(0))) {
            out.print(help());
            return 0;
        }
        try {
            Args args = Args.parse(words.subList(1, words.size()),
                    Set.of("config", "as", "password-file", "ca-file", "host", "port"), Set.of("verbose"));
            quietLogging(args.flag("verbose"));
            return switch (words.get(0)) {
                case "check-login" -> CheckLogin.run(args, stdin, out, err);
                case "config" -> ConfigCheck.run(args, out);
                default -> {
                    Args all = Args.parse(words, Set.of("config", "as", "password-file", "ca-file", "host", "port"),
                            Set.of("verbose"));
                    if (AdminVerbs.find(all.words()).isEmpty()) {
                        throw new Args.UsageException("unknown command: " + words.get(0));
                    }
                    yield AdminAction.run(all, stdin, out, err);
                }
            };
        } catch (Args.UsageException e) {
            err.println("warden: " + e.getMessage());
            err.print(help());
            return USAGE;
        }
    }

    private static boolean isHelp(String word) {
        return word.equals("help") || word.equals("--help") || word.equals("-h");
    }

    private static String help() {
        StringBuilder verbs = new StringBuilder();
        for (AdminVerbs.Verb v : AdminVerbs.ALL) {
            verbs.append("                   warden ").append(v.usage()).append('\n');
        }
        return HELP.formatted(verbs.toString().stripTrailing());
    }

    /** Tools print their own results on stdout; the log would only clutter it. */
    private static void quietLogging(boolean verbose) {
        java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO
                : java.util.logging.Level.OFF);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!verbose) {
            root.setLevel(Level.WARN);
        }
        if (root.getAppender("STDOUT") instanceof ConsoleAppender<?> console) {
            console.stop();
            console.setTarget("System.err");
            console.start();
        }
    }
}
