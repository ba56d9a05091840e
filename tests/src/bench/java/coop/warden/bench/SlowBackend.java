// Makes the stack's Kerberos backend slow for a while: the delay proxy plus a krb5.conf that points at it.
package coop.warden.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * saslauthd's kerberos5 mechanism calls krb5_init_context for every check, which reads the
 * file KRB5_CONFIG names ($BASE/krb5/krb5.conf): replacing that file's content (by rename, so a
 * reader never sees half of it) switches the backend of every later check without a restart.
 * {@link #close()} puts the original back; a shutdown hook does too if this JVM is interrupted.
 * scripts/bench.sh keeps a copy and checks it afterwards, and holds the stack lock meanwhile.
 */
final class SlowBackend implements AutoCloseable {
    private static final Pattern KDC = Pattern.compile("(kdc\\s*=\\s*127\\.0\\.0\\.1):(\\d+)");

    private final Path conf;
    private final String original;
    private final KdcDelayProxy proxy;
    private final Thread hook = new Thread(this::restore, "restore-krb5.conf");
    private boolean restored;

    SlowBackend(Path base, long delayMs) throws IOException {
        this.conf = base.resolve("krb5/krb5.conf");
        this.original = Files.readString(conf, StandardCharsets.UTF_8);
        Matcher m = KDC.matcher(original);
        if (!m.find()) {
            throw new IOException(conf + " has no 'kdc = 127.0.0.1:PORT' line to redirect");
        }
        this.proxy = new KdcDelayProxy(Integer.parseInt(m.group(2)), delayMs);
        String slow = m.replaceFirst("$1:" + proxy.port());
        Runtime.getRuntime().addShutdownHook(hook);
        replace(slow);
    }

    private void replace(String content) throws IOException {
        Path tmp = Files.createTempFile(conf.getParent(), "krb5.conf.", ".bench");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, conf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private synchronized void restore() {
        if (restored) {
            return;
        }
        try {
            replace(original);
            restored = true;
        } catch (IOException e) {
            System.err.println("could not restore " + conf + ": " + e.getMessage()
                    + " -- run scripts/stack-up.sh to render it again");
        }
    }

    @Override
    public void close() {
        restore();
        proxy.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running or ran
        }
    }
}
