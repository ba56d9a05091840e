// Works out a room's effective cap: its own, else the admin-set default, else the configured one.
package coop.warden.rooms;

import coop.warden.store.Cap;
import coop.warden.store.PolicyStore;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/** Reads only the store's in-memory cache, so it is cheap on the join path. */
final class CapPolicy {
    private final PolicyStore store;
    private final Optional<Cap> configuredDefault;

    CapPolicy(PolicyStore store, Optional<Cap> configuredDefault) {
        this.store = Objects.requireNonNull(store);
        this.configuredDefault = Objects.requireNonNull(configuredDefault);
    }

    EffectiveCap forRoom(JID room) {
        Optional<Cap> own = store.roomCap(room);
        return own.isPresent() ? new EffectiveCap(own.get(), EffectiveCap.Source.ROOM) : deploymentDefault();
    }

    EffectiveCap deploymentDefault() {
        Optional<Cap> set = store.defaultCap();
        if (set.isPresent()) {
            return new EffectiveCap(set.get(), EffectiveCap.Source.ADMIN_DEFAULT);
        }
        return configuredDefault
                .map(c -> new EffectiveCap(c, EffectiveCap.Source.CONFIG_DEFAULT))
                .orElseGet(() -> new EffectiveCap(Cap.unlimited(), EffectiveCap.Source.NONE));
    }

    Optional<Cap> configuredDefault() {
        return configuredDefault;
    }
}
