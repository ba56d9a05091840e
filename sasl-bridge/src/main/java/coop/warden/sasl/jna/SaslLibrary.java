// Loads libsasl2 lazily and initialises it once per process, with real mutexes.
package coop.warden.sasl.jna;

import coop.warden.sasl.SaslUnavailableException;
import com.sun.jna.CallbackReference;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * libsasl2 as loaded by JNA. Loading happens only in {@link #load}, never in a static
 * initialiser, so a missing library is a {@link SaslUnavailableException}, not a class-init error.
 *
 * <p>{@code sasl_server_init} reads the SASL application config ({@code <app>.conf}) once and
 * keeps its settings for the life of the process; a second call only bumps a reference count and
 * keeps the first settings. So {@link #initialiseServer} runs it once per JVM: later calls with
 * the same app name and directory get the same {@link SaslServer}, others are refused. Changing the
 * app config therefore needs a restart. {@code sasl_done} is never called.
 */
public final class SaslLibrary {

    static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
    private static final int SASL_OK = 0;

    /** Guards the once-per-process sasl_server_init. */
    private static final Object INIT_LOCK = new Object();
    private static SaslServer server;
    /** Set when sasl_server_init failed: libsasl2 may be half-initialised, so it is never retried. */
    private static String initFailure;
    /** Everything libsasl2 was handed a pointer to, kept reachable even after a failed init. */
    private static final List<Object> KEEP_ALIVE = new ArrayList<>();

    private final String name;
    private final LibSasl2 lib;
    private final NativeLibrary nativeLibrary;

    private SaslLibrary(String name, LibSasl2 lib, NativeLibrary nativeLibrary) {
        this.name = name;
        this.lib = lib;
        this.nativeLibrary = nativeLibrary;
    }

    /**
     * Loads the library (default {@code libsasl2.so.2}) and checks that it is Cyrus SASL 2.
     *
     * @throws SaslUnavailableException if it is missing or is not libsasl2
     */
    public static SaslLibrary load(String libraryName) throws SaslUnavailableException {
        Objects.requireNonNull(libraryName, "libraryName");
        SaslLibrary loaded;
        try {
            NativeLibrary nativeLibrary = NativeLibrary.getInstance(libraryName, OPTIONS);
            loaded = new SaslLibrary(libraryName, Native.load(libraryName, LibSasl2.class, OPTIONS), nativeLibrary);
        } catch (UnsatisfiedLinkError e) {
            throw new SaslUnavailableException(libraryName + " not found: install the Debian package libsasl2-2 ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        String version = loaded.version();
        if (!version.contains(" 2.")) {
            throw new SaslUnavailableException(libraryName + " is " + version + ", expected Cyrus SASL 2.x");
        }
        return loaded;
    }

    /** The file the dynamic linker loaded, when JNA can tell. */
    public Optional<Path> file() {
        File f = nativeLibrary.getFile();
        return f == null ? Optional.empty() : Optional.of(f.toPath());
    }

    /**
     * {@code "Cyrus SASL 2.1.28"}.
     *
     * @throws SaslUnavailableException if the library lacks sasl_version_info (not libsasl2)
     */
    public String version() throws SaslUnavailableException {
        try {
            PointerByReference impl = new PointerByReference();
            PointerByReference text = new PointerByReference();
            IntByReference major = new IntByReference();
            IntByReference minor = new IntByReference();
            IntByReference step = new IntByReference();
            IntByReference patch = new IntByReference();
            lib.sasl_version_info(impl, text, major, minor, step, patch);
            String implName = impl.getValue() == null ? "unknown" : impl.getValue().getString(0, "UTF-8");
            return implName + " " + major.getValue() + "." + minor.getValue() + "." + step.getValue();
        } catch (UnsatisfiedLinkError e) {
            throw new SaslUnavailableException(name + " is not libsasl2 (no sasl_version_info): "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Runs {@code sasl_set_mutex} (pthread mutexes) and then {@code sasl_server_init(callbacks, appName)}
     * with {@code configDir} as the only config directory, once per process.
     *
     * @param configDir the directory that holds {@code <appName>.conf}; the caller checked it exists
     * @throws SaslUnavailableException if sasl_server_init fails or libsasl2 was already
     *                                  initialised here for another app or directory
     */
    public SaslServer initialiseServer(String appName, Path configDir) throws SaslUnavailableException {
        synchronized (INIT_LOCK) {
            if (server != null) {
                if (server.appName().equals(appName) && server.configDir().equals(configDir)) {
                    return server;
                }
                throw new SaslUnavailableException("libsasl2 is already initialised in this process for app '"
                        + server.appName() + "' with " + server.configDir() + "; sasl_server_init reads its"
                        + " config once per process, so app '" + appName + "' with " + configDir
                        + " needs its own process");
            }
            if (initFailure != null) {
                throw new SaslUnavailableException(initFailure + " (earlier in this process; libsasl2 is not"
                        + " initialised twice: restart the process)");
            }
            PthreadMutexes mutexes = PthreadMutexes.load();
            GlobalCallbacks callbacks = new GlobalCallbacks(appName, configDir);
            int rc;
            try {
                KEEP_ALIVE.add(mutexes);
                KEEP_ALIVE.add(callbacks);
                lib.sasl_set_mutex(CallbackReference.getFunctionPointer(mutexes.alloc), mutexes.lock,
                        mutexes.unlock, CallbackReference.getFunctionPointer(mutexes.free));
                rc = lib.sasl_server_init(callbacks.pointer(), callbacks.appName());
            } catch (UnsatisfiedLinkError e) {
                throw new SaslUnavailableException(name + " lacks a libsasl2 function: " + firstLine(e.getMessage()), e);
            }
            if (rc != SASL_OK) {
                initFailure = "sasl_server_init failed for app '" + appName + "' with " + configDir + ": "
                        + errstring(rc) + " (" + rc + ")";
                throw new SaslUnavailableException(initFailure);
            }
            server = new SaslServer(lib, appName, configDir, mutexes, callbacks);
            return server;
        }
    }

    String errstring(int code) {
        String s = lib.sasl_errstring(code, null, null);
        return s == null ? "unknown error" : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
