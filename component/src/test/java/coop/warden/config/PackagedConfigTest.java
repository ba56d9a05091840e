package coop.warden.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged /etc/warden/warden.conf (made from reference.conf at build time) and docs/configuration.md. */
class PackagedConfigTest {
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    private static final Pattern COMMENTED_SETTING = Pattern.compile("(?m)^(\\s*)#([a-z])");

    private final String reference = ReferenceConf.text();

    @TempDir
    Path dir;

    @Test
    void theBuildWritesItWhereThePackageTakesItFrom() throws IOException {
        Path out = dir.resolve("deb/warden.conf");
        ReferenceConf.main(new String[] {out.toString()});
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(ReferenceConf.packaged(reference))
                .startsWith("# /etc/warden/warden.conf: Warden's configuration (HOCON).\n");
    }

    @Test
    void asShippedItSetsOnlyTheSecretFile() {
        var parsed = ConfigFactory.parseString(ReferenceConf.packaged(reference));
        assertThat(leaves(parsed.root(), "")).containsOnlyKeys("warden.component.secret-file");
        assertThat(parsed.getString("warden.component.secret-file")).isEqualTo("/etc/warden/component-secret");
    }

    @Test
    void uncommentedItHoldsEveryKeyWithItsDefault() {
        String packaged = ReferenceConf.packaged(reference).lines()
                .filter(l -> !l.strip().startsWith("secret-file = \"/etc")).reduce("", (a, b) -> a + b + "\n");
        String uncommented = COMMENTED_SETTING.matcher(packaged).replaceAll("$1$2");
        var all = leaves(ConfigFactory.parseString(uncommented).root(), "");
        var defaults = leaves(ConfigFactory.parseString(reference).root(), "");
        assertThat(all).isEqualTo(defaults);
        assertThat(defaults).containsKeys("warden.component.jid", "warden.auth.timeout", "warden.metrics.port",
                "warden.muc.default-cap", "warden.log.level");
    }

    @Test
    void theConfigurationReferenceDocumentsEveryKey() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String key : leaves(ConfigFactory.parseString(reference).root(), "").keySet()) {
            if (!docs.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys of reference.conf without a `warden.…` entry in %s", DOCS).isEmpty();
        Matcher documented = Pattern.compile("`(warden\\.[a-z0-9.-]+)`").matcher(docs);
        var known = leaves(ConfigFactory.parseString(reference).root(), "").keySet();
        while (documented.find()) {
            String key = documented.group(1);
            assertThat(known.contains(key) || known.stream().anyMatch(k -> k.startsWith(key + ".")))
                    .as("%s documents %s, which reference.conf does not have", DOCS, key).isTrue();
        }
    }

    /** Every leaf (null values included) by its dotted path, with its value rendered. */
    private static Map<String, String> leaves(ConfigObject object, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix + e.getKey();
            if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                out.putAll(leaves((ConfigObject) e.getValue(), path + "."));
            } else {
                out.put(path, e.getValue().render());
            }
        }
        return out;
    }
}
