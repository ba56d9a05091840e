// What stands between a password check and the backend: the credential cache, the limits, the KDC probe, re-checks.
package coop.warden.auth;

import java.util.Objects;

/** The hardening parts the check handler consults, built together by {@link AuthModule}. */
record AuthGuards(CredentialCache cache, AuthLimits limits, KdcProbe probe, Rechecker rechecker) {
    AuthGuards {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(rechecker, "rechecker");
    }
}
