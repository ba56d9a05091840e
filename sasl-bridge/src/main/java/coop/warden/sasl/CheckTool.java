// Command line check of one login through libsasl2, for admins and the `warden check-login` CLI.
package coop.warden.sasl;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code CheckTool --app xmpp --service xmpp --realm COOP.TEST --config-path /etc/sasl2 --user alice}
 * reads the password from the terminal (no echo) or from the first line of stdin, and prints
 * {@code accepted}, {@code rejected} or {@code unavailable(<reason>)}. Exit status 0, 1, 2; 64 for usage.
 */
public final class CheckTool {

    static final int ACCEPTED = 0;
    static final int REJECTED = 1;
    static final int UNAVAILABLE = 2;
    static final int USAGE = 64;
    private static final String USAGE_TEXT = "usage: CheckTool --user NAME [--app xmpp] [--service xmpp]"
            + " [--realm REALM] [--config-path DIR] [--timeout-ms 5000]   (password on stdin)";

    private CheckTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Map<String, String> opts = parse(args);
        if (opts == null || !opts.containsKey("user")) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        SaslConfig config;
        try {
            String path = opts.get("config-path");
            config = new SaslConfig(opts.getOrDefault("app", "xmpp"), opts.getOrDefault("service", "xmpp"),
                    opts.get("realm"), path == null ? null : Path.of(path),
                    Duration.ofMillis(Long.parseLong(opts.getOrDefault("timeout-ms", "5000"))), 1, 0);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        byte[] password = null;
        try (CyrusPasswordChecker checker = CyrusPasswordChecker.start(config)) {
            password = readPassword(stdin);
            CheckResult result = checker.check(opts.get("user"), password)
                    .get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return print(result, out);
        } catch (SaslUnavailableException e) {
            return print(new CheckResult.Unavailable(e.getMessage()), out);
        } catch (IOException | ExecutionException | TimeoutException e) {
            return print(new CheckResult.Unavailable(e.toString()), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return print(new CheckResult.Unavailable("interrupted"), out);
        } finally {
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }
    }

    private static int print(CheckResult result, PrintStream out) {
        if (result instanceof CheckResult.Accepted) {
            out.println("accepted");
            return ACCEPTED;
        }
        if (result instanceof CheckResult.Unavailable u) {
            out.println("unavailable(" + u.reason() + ")");
            return UNAVAILABLE;
        }
        out.println("rejected");
        return REJECTED;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    /** Terminal: no echo. Otherwise the first line of stdin, without its line ending. */
    private static byte[] readPassword(InputStream stdin) throws IOException {
        Console console = System.console();
        if (stdin == System.in && console != null) {
            char[] chars = console.readPassword("Password: ");
            if (chars == null) {
                return new byte[0];
            }
            ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            Arrays.fill(chars, '\0');
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            Arrays.fill(buf.array(), (byte) 0);
            return bytes;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = stdin.read()) != -1 && b != '\n') {
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        byte[] out = Arrays.copyOf(bytes, len);
        Arrays.fill(bytes, (byte) 0);
        return out;
    }
}
