// The admin actions the `warden` command offers, each mapped onto one of Warden's ad-hoc commands.
package coop.warden.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Shell words → command node and form answers. {@code warden command NODE var=value...} reaches
 * any command, including ones added after this table was written.
 */
final class AdminVerbs {

    /** One action: the words that name it, its node, its usage, and how its arguments fill the form. */
    record Verb(List<String> words, String node, String usage, int minArgs, int maxArgs,
                Function<List<String>, Map<String, List<String>>> answers) {}

    static final List<Verb> ALL = List.of(
            new Verb(List.of("caps", "set"), "warden#set-room-cap", "caps set ROOM CAP|none", 2, 2,
                    a -> form("room", a.get(0), "cap", a.get(1))),
            new Verb(List.of("caps", "clear"), "warden#clear-room-cap", "caps clear ROOM", 1, 1,
                    a -> form("room", a.get(0))),
            new Verb(List.of("caps", "default"), "warden#set-default-cap", "caps default CAP|none|configured", 1, 1,
                    a -> a.get(0).equals("configured") ? form("use-configured", "true") : form("cap", a.get(0))),
            new Verb(List.of("rooms"), "warden#list-rooms", "rooms", 0, 0, a -> Map.of()),
            new Verb(List.of("room"), "warden#show-room", "room ROOM", 1, 1, a -> form("room", a.get(0))),
            new Verb(List.of("rules", "set"), "warden#set-room-rules", "rules set ROOM RULESET|default", 2, 2,
                    a -> form("room", a.get(0), "rules", a.get(1))),
            new Verb(List.of("rules", "default"), "warden#set-default-rules", "rules default RULESET|configured",
                    1, 1, a -> form("rules", a.get(0))),
            new Verb(List.of("rules", "show"), "warden#show-room-rules", "rules show ROOM", 1, 1,
                    a -> form("room", a.get(0))),
            new Verb(List.of("moderators"), "warden#set-room-moderators", "moderators ROOM [JID...]", 1,
                    Integer.MAX_VALUE, a -> {
                        Map<String, List<String>> m = form("room", a.get(0));
                        m.put("moderators", List.copyOf(a.subList(1, a.size())));
                        return m;
                    }),
            new Verb(List.of("meeting"), "warden#breakout-status", "meeting ROOM", 1, 1,
                    a -> form("meeting", a.get(0))),
            new Verb(List.of("changes"), "warden#show-changes", "changes [N]", 0, 1,
                    a -> a.isEmpty() ? Map.of() : form("count", a.get(0))),
            new Verb(List.of("commands"), null, "commands", 0, 0, a -> Map.of()),
            new Verb(List.of("command"), null, "command NODE [FIELD=VALUE...]", 1, Integer.MAX_VALUE,
                    AdminVerbs::generic));

    private AdminVerbs() {
    }

    /** The verb {@code words} start with (the longest match), if any. */
    static Optional<Verb> find(List<String> words) {
        return ALL.stream().filter(v -> words.size() >= v.words().size()
                && words.subList(0, v.words().size()).equals(v.words()))
                .max((x, y) -> Integer.compare(x.words().size(), y.words().size()));
    }

    /** The node to run: the verb's, or for {@code command} its first argument. */
    static String node(Verb verb, List<String> args) {
        return verb.node() != null ? verb.node() : args.get(0);
    }

    /** {@code var=value} pairs after the node; a var given twice gets both values (multi fields). */
    private static Map<String, List<String>> generic(List<String> args) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String pair : args.subList(1, args.size())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected FIELD=VALUE, got “" + pair + "”");
            }
            m.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return m;
    }

    private static Map<String, List<String>> form(String... varValue) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < varValue.length; i += 2) {
            m.put(varValue[i], List.of(varValue[i + 1]));
        }
        return m;
    }
}
