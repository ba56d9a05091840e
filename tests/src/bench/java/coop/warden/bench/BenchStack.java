// Where the benchmark finds the demo stack: its state directory, c2s address and certificate; member passwords.
package coop.warden.bench;

import coop.warden.bench.xmpp.PinnedTls;
import coop.warden.bench.xmpp.RawXmpp;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** The stack brought up by scripts/stack-up.sh (scripts/bench.sh passes --base). */
final class BenchStack {
    static final String HOST = "127.0.0.1";
    static final int C2S_PORT = 5222;
    static final int TIMEOUT_MS = 30_000;

    final Path base;
    final Procs procs;
    private final PinnedTls tls;

    BenchStack(Path base) throws IOException, GeneralSecurityException {
        this.base = base;
        this.procs = new Procs(base);
        this.tls = new PinnedTls(base.resolve("prosody/certs/coop.test.crt"));
    }

    RawXmpp connect(String domain) throws IOException {
        return RawXmpp.connect(tls, HOST, C2S_PORT, domain, TIMEOUT_MS);
    }

    /** The demo realm's password scheme (stack-up.sh): {@code <name>-Secret1}. */
    static String password(String user) {
        return user + "-Secret1";
    }

    /** user001, user002, ...: the NLOAD accounts stack-up.sh creates. */
    static String member(int i) {
        return String.format("user%03d", i);
    }
}
