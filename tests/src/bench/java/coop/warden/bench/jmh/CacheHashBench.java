// JMH: the CPU one credential-cache hash costs (PBKDF2-HMAC-SHA256, as Warden's PasswordHasher computes it).
package coop.warden.bench.jmh;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every login through Warden with the cache on hashes the password once (a hit is verified, a
 * miss is hashed for storing), with {@code warden.auth.cache.hash-iterations} iterations. This
 * is that hash alone, with the same JDK algorithm, key length and salt size, at the default
 * (20,000) and at the minimum the configuration accepts (1,000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = "-Xmx64m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheHashBench {
    @Param({"1000", "20000"})
    public int iterations;

    private final char[] password = "user042-Secret1".toCharArray();
    private final byte[] salt = new byte[16];

    @Benchmark
    public byte[] hash() throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }
}
