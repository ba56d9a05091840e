// For `warden check-login`: the same KDC probe the service runs before it believes a rejection.
package coop.warden.auth;

import com.typesafe.config.Config;
import java.util.List;

/**
 * saslauthd answers NO both for a wrong password and for a KDC it cannot reach; the service
 * tells them apart with {@code warden.auth.kdc-probe}, and so must the shell tool.
 */
public final class KdcReachability {
    private final KdcProbeSettings settings;

    private KdcReachability(KdcProbeSettings settings) {
        this.settings = settings;
    }

    /** From the whole configuration ({@code warden.auth.kdc-probe}). */
    public static KdcReachability from(Config root) {
        return new KdcReachability(KdcProbeSettings.from(root.getConfig("warden.auth")));
    }

    /** The addresses probed, as configured; empty when the probe is off. */
    public List<String> addresses() {
        return settings.addresses().stream().map(Object::toString).toList();
    }

    /** True when some listed KDC accepts a TCP connection now, or when the probe is off. */
    public boolean reachable() {
        try (KdcProbe probe = new KdcProbe(settings, Runnable::run)) {
            return probe.reachable().join();
        }
    }
}
