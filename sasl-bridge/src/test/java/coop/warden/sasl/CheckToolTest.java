// CheckTool's argument handling (its native path is covered in CyrusPasswordCheckerNativeTest).
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CheckTool.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutUserPrintsUsage() {
        assertThat(run("--app", "xmpp")).isEqualTo(CheckTool.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: CheckTool --user NAME");
        assertThat(out.size()).isZero();
    }

    @Test
    void danglingOptionPrintsUsage() {
        assertThat(run("--user")).isEqualTo(CheckTool.USAGE);
    }

    @Test
    void badRealmPrintsTheReason() {
        assertThat(run("--user", "alice", "--realm", "A@B")).isEqualTo(CheckTool.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("realm must not contain '@'");
    }
}
