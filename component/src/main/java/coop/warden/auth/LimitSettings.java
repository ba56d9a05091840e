// Settings of the brute-force limits (warden.auth.limits in the HOCON config).
package coop.warden.auth;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * {@code warden.auth.limits}: how many rejected checks per member and client address
 * ({@code per-user}) and per client address ({@code per-ip}) are allowed within a window, and
 * which addresses are never limited. {@code failures = 0} turns a limit off.
 */
record LimitSettings(Window perUser, Window perIp, List<AddressRange> exempt) {

    /** At most {@code failures} rejected checks within {@code window}; 0 failures: no limit. */
    record Window(int failures, Duration window) {
        Window {
            if (failures < 0) {
                throw new IllegalArgumentException("failures must be >= 0, got " + failures);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
        }

        boolean enabled() {
            return failures > 0;
        }

        static Window from(Config c) {
            return new Window(c.getInt("failures"), c.getDuration("window"));
        }
    }

    LimitSettings {
        exempt = List.copyOf(exempt);
    }

    static LimitSettings off() {
        return new LimitSettings(new Window(0, Duration.ofMinutes(5)), new Window(0, Duration.ofMinutes(5)), List.of());
    }

    static LimitSettings from(Config auth) {
        Config c = auth.getConfig("limits");
        List<AddressRange> exempt = c.getStringList("exempt-ips").stream().map(AddressRange::parse).toList();
        return new LimitSettings(Window.from(c.getConfig("per-user")), Window.from(c.getConfig("per-ip")), exempt);
    }
}
