// Finds the SASL application config (<app>.conf) the way libsasl2 does, before libsasl2 looks.
package coop.warden.sasl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * If libsasl2 finds no {@code <app>.conf} it carries on with built-in defaults: every installed
 * mechanism and {@code pwcheck_method: auxprop}, i.e. passwords checked against /etc/sasldb2
 * instead of saslauthd. So the file is located here first and start-up fails without it; the
 * directory found is then handed to libsasl2 as its only config path.
 */
final class AppConfigFile {

    private AppConfigFile() {
    }

    /**
     * libsasl2's own search order: {@code SASL_CONF_PATH} if set, else Debian's compiled-in
     * /etc/sasl2:/etc/sasl:{plugin dir}:/usr/lib/sasl2 (plugin dir = sasl2/ next to libsasl2).
     */
    static List<Path> defaultSearchPath(String saslConfPathEnv, Optional<Path> libraryFile) {
        List<Path> dirs = new ArrayList<>();
        if (saslConfPathEnv != null && !saslConfPathEnv.isBlank()) {
            for (String d : saslConfPathEnv.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
            return List.copyOf(dirs);
        }
        dirs.add(Path.of("/etc/sasl2"));
        dirs.add(Path.of("/etc/sasl"));
        libraryFile.map(Path::getParent).map(p -> p.resolve("sasl2")).ifPresent(dirs::add);
        dirs.add(Path.of("/usr/lib/sasl2"));
        return List.copyOf(dirs.stream().distinct().toList());
    }

    /**
     * The readable {@code <appName>.conf} in {@code configPath}, or else in the first directory of
     * {@code searchPath} that has one.
     */
    static Path locate(String appName, Path configPath, List<Path> searchPath) throws SaslUnavailableException {
        String fileName = appName + ".conf";
        List<Path> dirs = configPath != null ? List.of(configPath) : searchPath;
        for (Path dir : dirs) {
            Path file = dir.resolve(fileName);
            if (Files.isRegularFile(file)) {
                if (!Files.isReadable(file)) {
                    throw new SaslUnavailableException("SASL application config " + file
                            + " is not readable by this process");
                }
                return file.toAbsolutePath();
            }
        }
        throw new SaslUnavailableException("SASL application config " + fileName + " not found in "
                + dirs + (configPath == null ? " (set the SASL config path explicitly)" : "")
                + "; without it libsasl2 would check passwords against its defaults instead of saslauthd."
                + " Create it with 'pwcheck_method: saslauthd' and 'mech_list: PLAIN'");
    }

    /** The options that decide where passwords are checked, for the start-up log line. */
    static Map<String, String> keySettings(Path file) {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                int colon = l.indexOf(':');
                if (l.startsWith("#") || colon < 0) {
                    continue;
                }
                String key = l.substring(0, colon).strip();
                if (key.equals("pwcheck_method") || key.equals("saslauthd_path") || key.equals("mech_list")) {
                    found.put(key, l.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            found.put("error", e.getMessage());
        }
        return found;
    }
}
