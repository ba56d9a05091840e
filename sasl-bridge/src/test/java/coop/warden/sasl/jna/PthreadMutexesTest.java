// The mutexes handed to libsasl2 really exclude: a locked one cannot be taken by another thread.
package coop.warden.sasl.jna;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PthreadMutexesTest {

    private static final int EBUSY = 16;

    @Test
    void aLockedMutexIsBusyForOtherThreadsUntilUnlocked() throws Exception {
        PthreadMutexes m = PthreadMutexes.load();
        Pointer mutex = m.alloc.callback();
        assertThat(mutex).isNotNull();

        assertThat(m.lock.invokeInt(new Object[] {mutex})).isZero();
        int whileLocked = CompletableFuture.supplyAsync(() -> m.trylock.invokeInt(new Object[] {mutex}))
                .get(10, TimeUnit.SECONDS);
        assertThat(m.unlock.invokeInt(new Object[] {mutex})).isZero();
        int afterUnlock = CompletableFuture.supplyAsync(() -> {
            int rc = m.trylock.invokeInt(new Object[] {mutex});
            if (rc == 0) {
                m.unlock.invokeInt(new Object[] {mutex});
            }
            return rc;
        }).get(10, TimeUnit.SECONDS);
        m.free.callback(mutex);

        assertThat(whileLocked).isEqualTo(EBUSY);
        assertThat(afterUnlock).isZero();
        assertThat(m.allocated).hasValue(1);
        assertThat(m.freed).hasValue(1);
    }
}
