// Recently verified credentials, as salted slow hashes, so a login storm does not ask the KDC once per member.
package coop.warden.auth;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Maps a username (the realm is fixed) to the hash of the password the backend last accepted
 * for it. Never holds a password. An entry lives {@code lifetime} after the backend last
 * confirmed it; {@link #confirm} renews it.
 */
final class CredentialCache {

    /** A stored credential; {@code verifiedAt} is when the backend last said yes to it. */
    record Entry(byte[] salt, byte[] hash, long verifiedAt) {}

    /**
     * What a lookup found: {@code hit} is the entry that matched, or null. On a miss,
     * {@code candidate} is the entry to store if the backend accepts (already hashed, with a
     * fresh salt), or null when it is still to be made: {@code absent} says the user had no
     * entry at all (see {@link #withCandidate}); otherwise a non-matching entry's salt was used
     * and {@link #store} makes a new one.
     */
    record Lookup(Entry hit, Entry candidate, boolean absent) {}

    private static final Lookup NOTHING = new Lookup(null, null, false);
    private static final Lookup ABSENT = new Lookup(null, null, true);

    private final Cache<String, Entry> entries;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final boolean enabled;

    CredentialCache(CacheSettings settings, Clock clock) {
        this.enabled = settings.enabled();
        this.clock = clock;
        this.hasher = enabled ? new PasswordHasher(settings.hashIterations()) : null;
        this.entries = CacheBuilder.newBuilder()
                .expireAfterWrite(settings.lifetime())
                .maximumSize(settings.maxEntries())
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
                    }
                })
                .build();
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Looks {@code username} up. With an entry, hashes {@code password} with its salt and says
     * whether it matched; without one, hashes nothing yet: the caller starts the backend check and
     * then calls {@link #withCandidate}, so that the slow hash runs while the backend works. Either
     * way a login that is not a hit hashes exactly once, and a rejection is held to
     * {@code warden.auth.reject-floor}, so the time a refused login takes says nothing about
     * which usernames have logged in lately.
     */
    Lookup lookup(String username, byte[] password) {
        if (!enabled) {
            return NOTHING;
        }
        Entry entry = entries.getIfPresent(username);
        if (entry == null) {
            return ABSENT;
        }
        byte[] hash = hasher.hash(password, entry.salt());
        return PasswordHasher.same(hash, entry.hash()) ? new Lookup(entry, null, false) : NOTHING;
    }

    /** For a lookup that found no entry: the same lookup with the entry to store made (a fresh salt, the hash). */
    Lookup withCandidate(Lookup lookup, byte[] password) {
        if (!enabled || !lookup.absent()) {
            return lookup;
        }
        byte[] salt = hasher.newSalt();
        return new Lookup(null, new Entry(salt, hasher.hash(password, salt), 0), false);
    }

    /** The backend accepted {@code password} for {@code username}: remember it. */
    void store(String username, byte[] password, Lookup lookup) {
        if (!enabled) {
            return;
        }
        Entry candidate = lookup.candidate();
        byte[] salt = candidate != null ? candidate.salt() : hasher.newSalt();
        byte[] hash = candidate != null ? candidate.hash() : hasher.hash(password, salt);
        entries.put(username, new Entry(salt, hash, clock.millis()));
    }

    /** The backend confirmed {@code entry} again at {@code when}: renew it, unless it was replaced meanwhile. */
    void confirm(String username, Entry entry, long when) {
        entries.asMap().replace(username, entry, new Entry(entry.salt(), entry.hash(), when));
    }

    /** A failed check for {@code username}: forget whatever was stored for it. */
    void evict(String username) {
        entries.invalidate(username);
    }

    /** Forgets {@code entry} if it is still the one stored; true if it was. */
    boolean evict(String username, Entry entry) {
        return entries.asMap().remove(username, entry);
    }

    long size() {
        entries.cleanUp();
        return entries.size();
    }
}
