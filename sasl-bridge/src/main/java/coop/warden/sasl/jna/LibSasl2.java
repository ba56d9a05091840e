// JNA mapping of the few libsasl2 (Cyrus SASL 2.1.28, sasl.h) functions the bridge calls.
package coop.warden.sasl.jna;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/** Strings are passed as UTF-8 (see {@link SaslLibrary#OPTIONS}); credentials go as raw memory. */
interface LibSasl2 extends Library {

    /** {@code void sasl_set_mutex(alloc, lock, unlock, free)}: must precede sasl_server_init. */
    void sasl_set_mutex(Pointer alloc, Pointer lock, Pointer unlock, Pointer free);

    /**
     * {@code int sasl_server_init(const sasl_callback_t *callbacks, const char *appname)}. libsasl2
     * keeps both pointers (no copy): both must point at memory that lives as long as the process.
     */
    int sasl_server_init(Pointer callbacks, Pointer appname);

    /** {@code int sasl_server_new(service, serverFQDN, user_realm, iplocalport, ipremoteport, callbacks, flags, pconn)}. */
    int sasl_server_new(String service, String serverFqdn, String userRealm, String ipLocalPort,
                        String ipRemotePort, Pointer callbacks, int flags, PointerByReference pconn);

    /** {@code int sasl_checkpass(conn, user, userlen, pass, passlen)}. */
    int sasl_checkpass(Pointer conn, Pointer user, int userlen, Pointer pass, int passlen);

    /** {@code void sasl_dispose(sasl_conn_t **pconn)}. */
    void sasl_dispose(PointerByReference pconn);

    /** {@code const char *sasl_errdetail(sasl_conn_t *conn)}: owned by conn. */
    String sasl_errdetail(Pointer conn);

    /** {@code const char *sasl_errstring(int saslerr, const char *langlist, const char **outlang)}. */
    String sasl_errstring(int saslerr, String langlist, Pointer outlang);

    /** {@code void sasl_version_info(const char **impl, const char **version, int *major, int *minor, int *step, int *patch)}. */
    void sasl_version_info(PointerByReference implementation, PointerByReference versionString,
                           IntByReference major, IntByReference minor, IntByReference step,
                           IntByReference patch);
}
