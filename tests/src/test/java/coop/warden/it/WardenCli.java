// Runs the `warden` command-line tool as an admin would, from the jar the stack runs.
package coop.warden.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code java -cp warden.jar coop.warden.cli.Cli ARGS}, with the password on stdin. */
final class WardenCli {
    private WardenCli() {
    }

    /** What the tool printed and how it exited. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The jar the stack's Warden runs (scripts/stack-up.sh installs it from this checkout's build). */
    static Path jar() {
        Path jar = Stack.base().resolve("warden/warden.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: bring the stack up first (scripts/stack-up.sh)");
        }
        return jar;
    }

    /** Runs the tool with {@code stdin} as its input (a password line, or ""). */
    static Run run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx64m", "-cp", jar().toString(),
                "coop.warden.cli.Cli"));
        command.addAll(List.of(args));
        return exec(command, stdin);
    }

    static Run exec(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError(command + ": " + e, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
