// The command line after the subcommand: positional words and --option value pairs.
package coop.warden.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options take one value ({@code --config FILE}); flags listed in {@code flags} take none. */
final class Args {
    static final Path DEFAULT_CONFIG = Path.of("/etc/warden/warden.conf");

    private final List<String> words = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    private Args() {
    }

    /**
     * @throws UsageException for an unknown option or a missing value
     */
    static Args parse(List<String> argv, Set<String> valueOptions, Set<String> flags) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                a.words.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                a.words.add(arg);
                continue;
            }
            String name = arg.equals("-c") ? "config" : arg.replaceFirst("^--?", "");
            if (flags.contains(name)) {
                a.options.put(name, "true");
            } else if (valueOptions.contains(name)) {
                if (i + 1 >= argv.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                a.options.put(name, argv.get(++i));
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return a;
    }

    List<String> words() {
        return words;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Path config() {
        return option("config").map(Path::of).orElse(DEFAULT_CONFIG);
    }

    /** A wrong command line; the message says what, the caller adds the usage. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
