// Command-line options of the benchmark tools: --name value pairs with typed getters and defaults.
package coop.warden.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Options as {@code --key value}; a key given twice keeps the last value. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got: " + Arrays.toString(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String str(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    String str(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    int integer(String key, int dflt) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : dflt;
    }

    double decimal(String key, double dflt) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : dflt;
    }

    Path path(String key, String dflt) {
        return Path.of(str(key, dflt));
    }

    List<String> list(String key, String dflt) {
        return List.of(str(key, dflt).split(","));
    }
}
