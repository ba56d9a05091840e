// Says whether Warden's credential cache (warden.auth.cache) exists and how the stack configures it.
package coop.warden.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Path;

/**
 * Reads the stack's warden.conf over the reference.conf on the benchmark's classpath (the
 * component as built from this checkout). Prints one line for the results' meta.md; the login
 * storm's "warm" pass is run either way (with no cache it measures a warmed-up JVM only).
 */
final class CacheConfig {
    private CacheConfig() {
    }

    static void run(Args a) {
        Path conf = a.path("base", "/var/lib/warden-demo").resolve("warden/warden.conf");
        Config c = ConfigFactory.parseFile(conf.toFile()).withFallback(ConfigFactory.defaultReference());
        if (!c.hasPath("warden.auth.cache")) {
            System.out.println("Warden credential cache: none in this build (no `warden.auth.cache` key); the "
                    + "\"warm\" pass is a second pass over the same members with a warmed-up component.");
            return;
        }
        String rendered = c.getValue("warden.auth.cache")
                .render(ConfigRenderOptions.concise().setJson(false));
        System.out.println("Warden credential cache: `warden.auth.cache` = `" + rendered + "` (stack's warden.conf"
                + " over reference.conf); the \"cold\" pass follows a restart of Warden, the \"warm\" pass repeats"
                + " the same members at once.");
    }
}
