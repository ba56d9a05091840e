// The deployment-wide default cap: the configured one, an admin's override, and which applies.
package coop.warden.rooms;

import coop.warden.store.Cap;
import java.util.Objects;
import java.util.Optional;

/** {@code configured} is warden.muc.default-cap; {@code override} is what an admin set at run time. */
public record DefaultCapView(Optional<Cap> configured, Optional<Cap> override, EffectiveCap effective) {
    public DefaultCapView {
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(override, "override");
        Objects.requireNonNull(effective, "effective");
    }
}
