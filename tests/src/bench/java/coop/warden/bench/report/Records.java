// The benchmark's raw results (JSON lines) read back, grouped into cells, and summarised over runs.
package coop.warden.bench.report;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import coop.warden.bench.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One JSON object per run; values reached by dotted paths ("cpu_ms_per_login.prosody"). */
final class Records {
    private static final ConfigParseOptions JSON = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON);

    private Records() {
    }

    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(ConfigFactory.parseString(line, JSON).root().unwrapped());
            }
        }
        return out;
    }

    /** A JSON document whose root is an array (JMH's result file). */
    @SuppressWarnings("unchecked")
    static List<Object> readArray(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String wrapped = "{\"a\":" + Files.readString(file) + "}";
        return (List<Object>) ConfigFactory.parseString(wrapped, JSON).root().unwrapped().get("a");
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> r, String path) {
        Object v = r;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map)) {
                return null;
            }
            v = ((Map<String, Object>) v).get(part);
        }
        return v;
    }

    static double num(Map<String, Object> r, String path) {
        Object v = get(r, path);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String str(Map<String, Object> r, String path) {
        Object v = get(r, path);
        return v == null ? "" : v.toString();
    }

    static double[] nums(Map<String, Object> r, String path) {
        Object v = get(r, path);
        if (!(v instanceof List<?> l)) {
            return new double[0];
        }
        return l.stream().mapToDouble(o -> o instanceof Number n ? n.doubleValue() : Double.NaN).toArray();
    }

    /** Records grouped by a key, in first-seen order. */
    static <K> Map<K, List<Map<String, Object>>> group(List<Map<String, Object>> rs, Function<Map<String, Object>, K> key) {
        Map<K, List<Map<String, Object>>> m = new LinkedHashMap<>();
        rs.forEach(r -> m.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return m;
    }

    static Stats.Spread spread(List<Map<String, Object>> runs, String path) {
        return Stats.Spread.of(runs.stream().mapToDouble(r -> num(r, path)).toArray());
    }

    /** "m [lo–hi]" of a field over runs. */
    static String cell(List<Map<String, Object>> runs, String path, int decimals) {
        return spread(runs, path).format(decimals);
    }

    static int sum(List<Map<String, Object>> runs, String path) {
        return (int) runs.stream().mapToDouble(r -> num(r, path)).filter(d -> !Double.isNaN(d)).sum();
    }

    /** The run whose {@code path} is the median one (for charts of a typical run). */
    static Map<String, Object> medianRun(List<Map<String, Object>> runs, String path) {
        List<Map<String, Object>> sorted = new ArrayList<>(runs);
        sorted.sort((x, y) -> Double.compare(num(x, path), num(y, path)));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
