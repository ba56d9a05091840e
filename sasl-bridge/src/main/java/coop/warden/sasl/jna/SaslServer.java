// One password check through libsasl2: new connection, sasl_checkpass, dispose.
package coop.warden.sasl.jna;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * libsasl2 after {@code sasl_server_init}. Thread-safe: each check has its own {@code sasl_conn_t}
 * and libsasl2's shared state is guarded by the mutexes set before init. The check blocks for as
 * long as saslauthd takes, forever if it hangs: callers must run it on a thread they can abandon.
 */
public final class SaslServer {

    private static final int SASL_OK = 0;

    private final LibSasl2 lib;
    private final String appName;
    private final Path configDir;
    private final String serverFqdn;
    // libsasl2 holds raw pointers into these two for the life of the process: keep them reachable.
    private final PthreadMutexes mutexes;
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final GlobalCallbacks callbacks;

    SaslServer(LibSasl2 lib, String appName, Path configDir, PthreadMutexes mutexes, GlobalCallbacks callbacks) {
        this.lib = lib;
        this.appName = appName;
        this.configDir = configDir;
        this.mutexes = mutexes;
        this.callbacks = callbacks;
        this.serverFqdn = localHostName();
    }

    public String appName() {
        return appName;
    }

    public Path configDir() {
        return configDir;
    }

    /** Mutexes libsasl2 allocated through our callbacks so far: proof that sasl_set_mutex took. */
    public long mutexesAllocated() {
        return mutexes.allocated.get();
    }

    /**
     * {@code sasl_server_new(service, host, realm, NULL, NULL, NULL, 0)}, {@code sasl_checkpass},
     * {@code sasl_dispose}. With a realm, libsasl2 canonicalises the user to {@code user@realm} and
     * its saslauthd client splits that at the last '@' again: saslauthd receives login
     * {@code user} and realm {@code realm}. Without one it receives an empty realm.
     *
     * @param service  e.g. {@code xmpp}
     * @param realm    e.g. {@code COOP.TEST}, or null
     * @param username UTF-8 without NUL or '@'
     * @param password without NUL; copied to native memory that is zeroed before it is freed
     */
    public CheckpassReply checkpass(String service, String realm, byte[] username, byte[] password) {
        PointerByReference conn = new PointerByReference();
        // An explicit host name: with NULL, libsasl2 resolves the host name (getaddrinfo) per connection.
        int rc = lib.sasl_server_new(service, serverFqdn, realm, null, null, null, 0, conn);
        try {
            if (rc != SASL_OK) {
                return new CheckpassReply(rc, "sasl_server_new failed");
            }
            try (Memory user = cString(username); Memory pass = cString(password)) {
                GlobalCallbacks.startCapture();
                try {
                    rc = lib.sasl_checkpass(conn.getValue(), user, username.length, pass, password.length);
                } finally {
                    pass.clear();
                }
                String logged = GlobalCallbacks.takeCaptured();
                if (rc == SASL_OK) {
                    return new CheckpassReply(rc, "");
                }
                String detail = logged != null ? logged : lib.sasl_errdetail(conn.getValue());
                return new CheckpassReply(rc, detail == null ? "" : detail);
            }
        } finally {
            if (conn.getValue() != null) {
                lib.sasl_dispose(conn);
            }
        }
    }

    private static Memory cString(byte[] bytes) {
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    /** gethostname(2) once, no DNS; libsasl2 only uses it as a default realm for other mechanisms. */
    private static String localHostName() {
        byte[] buf = new byte[256];
        try {
            int rc = Function.getFunction(Platform.C_LIBRARY_NAME, "gethostname")
                    .invokeInt(new Object[] {buf, new NativeLong(buf.length)});
            if (rc == 0) {
                int len = 0;
                while (len < buf.length && buf[len] != 0) {
                    len++;
                }
                if (len > 0) {
                    return new String(buf, 0, len, StandardCharsets.UTF_8);
                }
            }
        } catch (UnsatisfiedLinkError e) {
            // fall through
        }
        return "localhost";
    }

    @Override
    public String toString() {
        return "SaslServer[app=" + appName + ", configDir=" + configDir + ", host=" + serverFqdn + "]";
    }
}
