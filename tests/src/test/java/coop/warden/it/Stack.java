// The real stack under test: where its state lives, and control of its daemons via scripts/stackctl.sh.
package coop.warden.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The stack brought up by scripts/stack-up.sh; the tests use the same scripts to break and mend it. */
final class Stack {
    static final String DOMAIN = "coop.test";
    static final String MUC = "conference.coop.test";
    static final String COMPONENT = "warden.coop.test";
    static final String HOST = "127.0.0.1";
    static final int C2S_PORT = 5222;

    private Stack() {
    }

    static Path base() {
        return Path.of(System.getProperty("warden.stack.base", "/var/lib/warden-demo"));
    }

    static Path repo() {
        return Path.of(System.getProperty("warden.repo", "..")).toAbsolutePath().normalize();
    }

    static Path certificate() {
        return base().resolve("prosody/certs/coop.test.crt");
    }

    static String password(String user) {
        return user + "-Secret1";
    }

    /** Runs {@code scripts/stackctl.sh ACTION DAEMON} and fails the test if it fails. */
    static void ctl(String action, String daemon) {
        run(List.of("bash", repo().resolve("scripts/stackctl.sh").toString(), action, daemon));
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static String componentSecret() {
        return read(base().resolve("secret/component-secret")).strip();
    }
}
