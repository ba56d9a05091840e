// Sets the level of Warden's log from warden.log.level, unless WARDEN_LOG_LEVEL says otherwise.
package coop.warden.config;

import ch.qos.logback.classic.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** logback.xml reads WARDEN_LOG_LEVEL at start-up; the config key is applied after the config is read. */
public final class LogLevel {
    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE", "OFF");

    private LogLevel() {
    }

    /**
     * The level {@code warden.log.level} asks for, or null when it is empty.
     *
     * @throws ConfigException.BadValue for anything but a level name
     */
    public static String configured(Config root) {
        String raw = root.getString("warden.log.level");
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (!LEVELS.contains(value)) {
            throw new ConfigException.BadValue("warden.log.level",
                    "must be one of ERROR, WARN, INFO, DEBUG, TRACE, OFF (or empty), got '" + raw + "'");
        }
        return value;
    }

    /** Applies {@code warden.log.level} to the root logger when set and {@code envValue} is not. */
    public static void apply(Config root, String envValue) {
        String level = configured(root);
        if (level == null || (envValue != null && !envValue.isBlank())) {
            return;
        }
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.toLevel(level));
        }
    }
}
