package coop.warden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level before = root.getLevel();

    @AfterEach
    void restore() {
        root.setLevel(before);
    }

    private static Config level(String value) {
        return ConfigFactory.parseString("warden.log.level = \"" + value + "\"")
                .withFallback(ConfigFactory.defaultReference());
    }

    @Test
    void theKeySetsTheRootLevelUnlessTheEnvironmentDoes() {
        LogLevel.apply(level("debug"), null);
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        LogLevel.apply(level("warn"), "INFO");
        assertThat(root.getLevel()).as("WARDEN_LOG_LEVEL wins").isEqualTo(Level.DEBUG);
        LogLevel.apply(level(""), null);
        assertThat(root.getLevel()).as("empty: left as logback.xml set it").isEqualTo(Level.DEBUG);
    }

    @Test
    void anythingButALevelNameIsABadValueNamingTheKey() {
        assertThat(LogLevel.configured(level(""))).isNull();
        assertThat(LogLevel.configured(level(" Trace "))).isEqualTo("TRACE");
        assertThatThrownBy(() -> LogLevel.configured(level("loud"))).isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("warden.log.level").hasMessageContaining("loud");
    }
}
