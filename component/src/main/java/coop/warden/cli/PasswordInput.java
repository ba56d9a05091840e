// Reads a password the way testsaslauthd's users expect: from the terminal without echo, or stdin.
package coop.warden.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The caller wipes the returned bytes; the line ending is never part of the password. */
final class PasswordInput {
    private PasswordInput() {
    }

    /**
     * With a terminal (and {@code stdin} being the process's own), prompts without echo; otherwise
     * reads the first line of {@code stdin}.
     */
    static byte[] read(String prompt, InputStream stdin) throws IOException {
        Console console = System.console();
        if (stdin == System.in && console != null) {
            char[] chars = console.readPassword("%s", prompt);
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
        return firstLine(stdin);
    }

    /** The first line of a file only readable by its owner (for scripts: --password-file). */
    static byte[] fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return firstLine(in);
        }
    }

    private static byte[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        byte[] out = Arrays.copyOf(bytes, len);
        Arrays.fill(bytes, (byte) 0);
        return out;
    }
}
