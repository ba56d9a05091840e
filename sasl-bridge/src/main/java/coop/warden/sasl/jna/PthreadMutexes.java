// Real pthread mutexes for libsasl2, whose built-in mutexes (2.1.28) do nothing.
package coop.warden.sasl.jna;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The four functions handed to {@code sasl_set_mutex}. Lock and unlock are libc's own
 * {@code pthread_mutex_lock}/{@code pthread_mutex_unlock} (same C signature as libsasl2's
 * {@code int (*)(void *)}, 0 on success = SASL_OK), so the hot path never enters Java. Alloc and
 * free are JNA callbacks that malloc and initialise a default (non-recursive) mutex. This object
 * must stay strongly reachable for as long as libsasl2 may call it, i.e. for the whole process.
 */
final class PthreadMutexes {

    /** At least sizeof(pthread_mutex_t) on every glibc target (40 on x86_64, 48 on aarch64). */
    static final int MUTEX_BYTES = 64;

    final Function lock;
    final Function unlock;
    final Function trylock;
    private final Function init;
    private final Function destroy;
    final AllocCallback alloc = new AllocCallback();
    final FreeCallback free = new FreeCallback();
    final AtomicLong allocated = new AtomicLong();
    final AtomicLong freed = new AtomicLong();

    private PthreadMutexes(NativeLibrary lib) {
        this.lock = lib.getFunction("pthread_mutex_lock");
        this.unlock = lib.getFunction("pthread_mutex_unlock");
        this.trylock = lib.getFunction("pthread_mutex_trylock");
        this.init = lib.getFunction("pthread_mutex_init");
        this.destroy = lib.getFunction("pthread_mutex_destroy");
    }

    /** glibc 2.34+ (Debian 12) has pthreads in libc; older systems in libpthread. */
    static PthreadMutexes load() {
        try {
            return new PthreadMutexes(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        } catch (UnsatisfiedLinkError notInLibc) {
            return new PthreadMutexes(NativeLibrary.getInstance("pthread"));
        }
    }

    /** {@code void *sasl_mutex_alloc_t(void)}: NULL on failure, which libsasl2 reports as SASL_FAIL. */
    final class AllocCallback implements Callback {
        public Pointer callback() {
            long peer = Native.malloc(MUTEX_BYTES);
            if (peer == 0) {
                return null;
            }
            Pointer mutex = new Pointer(peer);
            mutex.clear(MUTEX_BYTES);
            if (init.invokeInt(new Object[] {mutex, null}) != 0) {
                Native.free(peer);
                return null;
            }
            allocated.incrementAndGet();
            return mutex;
        }
    }

    /** {@code void sasl_mutex_free_t(void *mutex)}. */
    final class FreeCallback implements Callback {
        public void callback(Pointer mutex) {
            if (mutex != null) {
                destroy.invokeInt(new Object[] {mutex});
                Native.free(Pointer.nativeValue(mutex));
                freed.incrementAndGet();
            }
        }
    }
}
