// The whole configuration, loaded once at start-up from HOCON over reference.conf.
package coop.warden.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed view of the {@code warden} config tree; {@link #raw()} serves feature modules. */
public record WardenConfig(Config raw, ComponentConfig component, AuthConfig auth, Set<String> admins) {
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    public WardenConfig {
        admins = Set.copyOf(admins);
    }

    /** Loads {@code file} over the bundled reference.conf; errors name the offending key. */
    public static WardenConfig load(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read configuration file " + file);
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException.Parse e) {
            // The parser quotes the tokens it choked on, and a mistyped line may be the one with the secret.
            throw new IllegalArgumentException(file + ": syntax error: " + withoutQuotedText(e.getMessage())
                    + " (quoted text withheld: the line may hold a secret)");
        }
        return of(parsed);
    }

    /** {@code message} with whatever stands between single or double quotes replaced by an ellipsis. */
    static String withoutQuotedText(String message) {
        return QUOTED.matcher(message).replaceAll(m -> m.group().charAt(0) + "…" + m.group().charAt(0));
    }

    /** Builds the config from an already parsed tree (tests use inline HOCON). */
    public static WardenConfig of(Config overrides) {
        Config root = overrides.withFallback(ConfigFactory.defaultReference()).resolve();
        root.checkValid(ConfigFactory.defaultReference(), "warden");
        Config w = root.getConfig("warden");
        List<String> admins = w.getStringList("admins");
        return new WardenConfig(root, ComponentConfig.from(w.getConfig("component")),
                AuthConfig.from(w.getConfig("auth")), Set.copyOf(admins));
    }
}
