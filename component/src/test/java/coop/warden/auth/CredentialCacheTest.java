package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.sasl.CheckResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The credential cache as the check handler uses it (recheck-interval 30 s, so no re-checks unless the clock moves). */
class CredentialCacheTest {
    private final AuthFixture f = new AuthFixture(
            "cache { lifetime = 10 minutes, recheck-interval = 30 seconds, hash-iterations = 1000 }");

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aSecondLoginIsAnsweredFromTheCacheWithoutTheBackend() throws Exception {
        f.checker.members("alice");
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.8")).isEqualTo("accepted");
        assertThat(f.checker.calls).containsExactly("alice:alice-Secret1");
    }

    @Test
    void aWrongPasswordIsNeverAnsweredFromTheCacheAndEvictsTheEntry() throws Exception {
        f.checker.members("alice");
        f.login("alice", "alice-Secret1", null);
        assertThat(f.login("alice", "guess", null)).isEqualTo("rejected");
        assertThat(f.guards().cache().size()).isZero();
        assertThat(f.login("alice", "alice-Secret1", null)).isEqualTo("accepted");
        assertThat(f.checker.calls).containsExactly("alice:alice-Secret1", "alice:guess", "alice:alice-Secret1");
    }

    @Test
    void anotherUsersPasswordDoesNotMatch() throws Exception {
        f.checker.members("alice", "bob");
        f.login("alice", "alice-Secret1", null);
        assertThat(f.login("bob", "alice-Secret1", null)).isEqualTo("rejected");
    }

    @Test
    void entriesExpireAfterTheirLifetime() throws Exception {
        f.checker.members("alice");
        f.login("alice", "alice-Secret1", null);
        f.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        f.login("alice", "alice-Secret1", null);
        assertThat(f.checker.calls).hasSize(2);
    }

    @Test
    void whileTheBackendIsDownACachedMemberStillLogsInAndOthersAreToldToTryLater() throws Exception {
        f.checker.members("alice");
        f.login("alice", "alice-Secret1", null);
        f.checker.answer = (u, p) -> new CheckResult.Unavailable("saslauthd: connection refused");
        f.clock.advance(Duration.ofMinutes(1)); // a re-check is due, and cannot be done
        assertThat(f.login("alice", "alice-Secret1", null)).isEqualTo("accepted");
        assertThat(f.login("bob", "bob-Secret1", null)).isEqualTo("unavailable");
        assertThat(f.login("alice", "wrong", null)).isEqualTo("unavailable");
        assertThat(f.guards().cache().size()).as("the entry survives the outage").isEqualTo(1);
        assertThat(f.login("alice", "alice-Secret1", null)).isEqualTo("accepted");
    }

    @Test
    void theCacheHoldsASaltedHashNeverThePassword() throws Exception {
        f.checker.members("alice");
        byte[] password = "alice-Secret1".getBytes(StandardCharsets.UTF_8);
        CredentialCache cache = f.guards().cache();
        f.login("alice", "alice-Secret1", null);
        CredentialCache.Entry entry = cache.lookup("alice", password.clone()).hit();
        assertThat(entry).isNotNull();
        assertThat(entry.salt()).hasSize(PasswordHasher.SALT_BYTES);
        assertThat(new String(entry.hash(), StandardCharsets.ISO_8859_1)).doesNotContain("alice-Secret1");
        // Same password, another member: another salt, so another hash.
        f.checker.answer = (u, p) -> new CheckResult.Accepted();
        f.login("bob", "alice-Secret1", null);
        CredentialCache.Entry bobs = cache.lookup("bob", password.clone()).hit();
        assertThat(bobs.salt()).isNotEqualTo(entry.salt());
        assertThat(bobs.hash()).isNotEqualTo(entry.hash());
    }

    @Test
    void passwordsThatAreNotUtf8NeverShareAHash() {
        PasswordHasher hasher = new PasswordHasher(CacheSettings.MIN_ITERATIONS);
        byte[] salt = hasher.newSalt();
        byte[] a = {(byte) 0xff, 'x'};
        byte[] b = {(byte) 0xfe, 'x'};
        assertThat(hasher.hash(a, salt)).isNotEqualTo(hasher.hash(b, salt));
        assertThat(hasher.hash(a, salt)).isEqualTo(hasher.hash(a.clone(), salt));
    }

    @Test
    void aMissHashesOnceWhetherOrNotTheUserHasAnEntryAndWithoutOneTheHashWaitsForTheBackendToBeAsked() {
        CredentialCache cache = f.guards().cache();
        byte[] pw = "pw".getBytes(StandardCharsets.UTF_8);
        CredentialCache.Lookup miss = cache.lookup("nobody", pw);
        assertThat(miss.hit()).isNull();
        assertThat(miss.absent()).as("no entry: nothing hashed yet").isTrue();
        assertThat(miss.candidate()).isNull();

        CredentialCache.Lookup full = cache.withCandidate(miss, pw);
        assertThat(full.candidate()).as("hashed once the backend has been asked, kept to store").isNotNull();
        assertThat(full.candidate().hash()).hasSize(32);
        assertThat(full.absent()).isFalse();
        assertThat(cache.withCandidate(full, pw)).as("made once").isSameAs(full);

        cache.store("nobody", pw, full);
        CredentialCache.Lookup wrong = cache.lookup("nobody", "other".getBytes(StandardCharsets.UTF_8));
        assertThat(wrong.hit()).as("an entry, another password: hashed with its salt, no match").isNull();
        assertThat(wrong.absent()).isFalse();
        assertThat(cache.lookup("nobody", pw).hit()).as("the stored candidate matches").isNotNull();
    }

    @Test
    void turnedOffEveryLoginAsksTheBackend() throws Exception {
        try (AuthFixture off = new AuthFixture("cache.enabled = false")) {
            off.checker.members("alice");
            off.login("alice", "alice-Secret1", null);
            off.login("alice", "alice-Secret1", null);
            assertThat(off.checker.calls).hasSize(2);
            assertThat(off.guards().cache().size()).isZero();
        }
    }
}
