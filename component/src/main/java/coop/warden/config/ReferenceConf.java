// Derives the packaged /etc/warden/warden.conf from reference.conf: every key, commented out, with its default.
package coop.warden.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.regex.Pattern;

/**
 * reference.conf owns every default and its explanation; the file an admin edits is made from it,
 * so the two cannot drift. Settings become {@code #key = value} (no space after {@code #}, which
 * tells them from prose); blocks stay open so an uncommented key lands in the right place. The
 * packaged file sets one key: the secret file the package's postinst creates.
 */
public final class ReferenceConf {
    static final String SECRET_FILE = "/etc/warden/component-secret";
    private static final Pattern SETTING = Pattern.compile("^(\\s*)([a-z][a-z0-9-]*\\s*(=.*|\\{.*}\\s*))$");
    private static final String HEADER = """
            # /etc/warden/warden.conf: Warden's configuration (HOCON).
            # Every key is below with its default, commented out as #key = value: uncomment and
            # change what you need. The reference: /usr/share/doc/warden/configuration.md.
            # Units are part of values ("3 seconds"). After a change:
            #   warden config check && systemctl restart warden
            """;

    private ReferenceConf() {
    }

    /** Writes the packaged warden.conf to {@code args[0]} (the build runs this before making the .deb). */
    public static void main(String[] args) throws IOException {
        java.nio.file.Path out = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(out, packaged(text()), StandardCharsets.UTF_8);
    }

    /** Warden's reference.conf as shipped in the jar (the one holding the {@code warden} block). */
    public static String text() {
        try {
            for (URL url : Collections.list(ReferenceConf.class.getClassLoader().getResources("reference.conf"))) {
                try (InputStream in = url.openStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (text.contains("\nwarden {")) {
                        return text;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("Warden's reference.conf is not on the class path");
    }

    /** The packaged warden.conf made from {@code reference}. */
    public static String packaged(String reference) {
        StringBuilder out = new StringBuilder(HEADER);
        boolean body = false;
        boolean secretSet = false;
        for (String line : reference.split("\n", -1)) {
            if (!body && !line.startsWith("warden {")) {
                continue; // reference.conf's own header
            }
            body = true;
            var m = SETTING.matcher(line);
            if (m.matches() && !line.strip().endsWith("{")) {
                out.append(m.group(1)).append('#').append(m.group(2)).append('\n');
                if (m.group(2).replace(" ", "").equals("secret-file=\"\"")) {
                    out.append(m.group(1)).append("secret-file = \"").append(SECRET_FILE)
                            .append("\"   # made by the package, root:warden 0640\n");
                    secretSet = true;
                }
            } else {
                out.append(line).append('\n');
            }
        }
        if (!secretSet) {
            throw new IllegalStateException("reference.conf has no `secret-file = \"\"` line in warden.component");
        }
        String text = out.toString();
        return text.endsWith("\n\n") ? text.substring(0, text.length() - 1) : text;
    }
}
