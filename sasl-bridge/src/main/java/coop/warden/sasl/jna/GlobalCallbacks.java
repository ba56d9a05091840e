// The process-wide callback list given to sasl_server_init: config path and logging.
package coop.warden.sasl.jna;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A native {@code sasl_callback_t[]} and the app name for {@code sasl_server_init}. libsasl2 keeps
 * both pointers, not copies, so this object (the array, the callbacks, the path and app name
 * strings) must stay strongly reachable for the life of the process.
 *
 * <ul>
 *   <li>{@code SASL_CB_GETCONFPATH}: the directory holding {@code <app>.conf}. A JVM cannot set
 *       {@code SASL_CONF_PATH}, and with this callback libsasl2 ignores that variable.</li>
 *   <li>{@code SASL_CB_LOG}: libsasl2's messages go to slf4j instead of syslog.</li>
 * </ul>
 */
final class GlobalCallbacks {

    static final int SASL_CB_LIST_END = 0;
    static final int SASL_CB_LOG = 2;
    static final int SASL_CB_GETCONFPATH = 5;
    private static final int SASL_LOG_ERR = 1;
    private static final int SASL_LOG_FAIL = 2;
    private static final int SASL_LOG_WARN = 3;
    private static final int SASL_LOG_NOTE = 4;
    private static final int SASL_LOG_DEBUG = 5;
    private static final int SASL_LOG_TRACE = 6;

    private static final Logger LIBSASL2 = LoggerFactory.getLogger("coop.warden.sasl.libsasl2");

    private final Memory confDir;
    private final Memory appName;
    private final ConfPathCallback confPath = new ConfPathCallback();
    private final LogCallback log = new LogCallback();
    private final Memory array;

    GlobalCallbacks(String appName, Path configDir) {
        this.appName = cString(appName);
        this.confDir = cString(configDir.toString());
        // sasl_callback_t { unsigned long id; int (*proc)(void); void *context; }: three words on Linux.
        int word = Native.POINTER_SIZE;
        array = new Memory(3L * 3 * word);
        array.clear();
        entry(0, SASL_CB_GETCONFPATH, CallbackReference.getFunctionPointer(confPath));
        entry(1, SASL_CB_LOG, CallbackReference.getFunctionPointer(log));
        entry(2, SASL_CB_LIST_END, null);
    }

    private void entry(int index, int id, Pointer proc) {
        int word = Native.POINTER_SIZE;
        long base = (long) index * 3 * word;
        if (word == 8) {
            array.setLong(base, id);
        } else {
            array.setInt(base, id);
        }
        array.setPointer(base + word, proc);
        array.setPointer(base + 2L * word, null);
    }

    Pointer pointer() {
        return array;
    }

    Pointer appName() {
        return appName;
    }

    private static Memory cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    /** {@code int sasl_getconfpath_t(void *context, char **path)}. */
    final class ConfPathCallback implements Callback {
        public int callback(Pointer context, Pointer pathOut) {
            pathOut.setPointer(0, confDir);
            return 0;
        }
    }

    /**
     * Starts recording, on this thread, the last error libsasl2 logs. sasl_checkpass overwrites
     * its error detail with a bare "checkpass failed"; the reason (e.g. "cannot connect to
     * saslauthd server: Connection refused") only reaches the log callback, which libsasl2 calls
     * on the thread doing the check.
     */
    static void startCapture() {
        LAST_ERROR.set(null);
    }

    /** The last ERR/FAIL message logged on this thread since {@link #startCapture()}, or null. */
    static String takeCaptured() {
        String s = LAST_ERROR.get();
        LAST_ERROR.remove();
        return s;
    }

    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();

    /** {@code int sasl_log_t(void *context, int level, const char *message)}. */
    static final class LogCallback implements Callback {
        public int callback(Pointer context, int level, Pointer message) {
            if (message == null || level > SASL_LOG_TRACE) {
                return 0; // SASL_LOG_PASS and above may carry passwords: never log them
            }
            String text = message.getString(0, StandardCharsets.UTF_8.name());
            if (level == SASL_LOG_ERR || level == SASL_LOG_FAIL) {
                LAST_ERROR.set(text);
            }
            switch (level) {
                case SASL_LOG_ERR, SASL_LOG_WARN -> LIBSASL2.warn(text);
                case SASL_LOG_NOTE -> LIBSASL2.info(text);
                case SASL_LOG_FAIL, SASL_LOG_DEBUG -> LIBSASL2.debug(text);
                default -> LIBSASL2.trace(text);
            }
            return 0;
        }
    }
}
