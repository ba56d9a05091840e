// Reads the demo KDC's log: how many AS-REQs (initial password checks) it saw, and for whom.
package coop.warden.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** saslauthd asks the KDC for a TGT per check: each check shows as AS_REQ lines naming the principal. */
final class KdcLog {
    private static final Pattern AS_REQ = Pattern.compile("AS_REQ .* (\\S+)@COOP\\.TEST for krbtgt/");

    private KdcLog() {
    }

    static Path file() {
        return Stack.base().resolve("krb5/kdc.log");
    }

    /** The current end of the log, to count what is written after it. */
    static long mark() {
        try {
            return Files.size(file());
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file(), e);
        }
    }

    /** AS_REQ lines written after {@code mark} for principals {@code who} accepts (names without realm). */
    static long asRequestsSince(long mark, Predicate<String> who) {
        byte[] all;
        try {
            all = Files.readAllBytes(file());
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file(), e);
        }
        if (mark > all.length) {
            mark = 0; // the log was rotated or truncated
        }
        String text = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.ISO_8859_1);
        long n = 0;
        for (String line : text.split("\n")) {
            Matcher m = AS_REQ.matcher(line);
            if (m.find() && who.test(m.group(1))) {
                n++;
            }
        }
        return n;
    }
}
