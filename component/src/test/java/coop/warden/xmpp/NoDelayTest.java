package coop.warden.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import org.jivesoftware.whack.ExternalComponentManager;
import org.junit.jupiter.api.Test;
import org.xmpp.component.AbstractComponent;

/** Whack leaves Nagle's algorithm on; the link turns it off on the socket Whack really uses. */
class NoDelayTest {

    private static final class Quiet extends AbstractComponent {
        @Override
        public String getName() {
            return "quiet";
        }

        @Override
        public String getDescription() {
            return "does nothing";
        }
    }

    @Test
    void turnsNagleOffOnWhacksConnectedSocket() throws Exception {
        try (FakeComponentServer server = new FakeComponentServer(0, "s")) {
            ExternalComponentManager manager = new ExternalComponentManager("127.0.0.1", server.port(), false);
            manager.setSecretKey("warden.test", "s");
            Quiet component = new Quiet();
            manager.addComponent("warden.test", component);
            try {
                Socket socket = NoDelay.socketOf(manager, component).orElseThrow();
                assertThat(socket.isConnected()).isTrue();
                assertThat(socket.getTcpNoDelay()).as("Whack's own default").isFalse();

                assertThat(NoDelay.apply(manager, component)).isTrue();

                assertThat(socket.getTcpNoDelay()).isTrue();
            } finally {
                manager.removeComponent("warden.test");
            }
        }
    }

    @Test
    void aComponentWhackDoesNotKnowIsReportedNotApplied() {
        ExternalComponentManager manager = new ExternalComponentManager("127.0.0.1", 1, false);

        assertThat(NoDelay.apply(manager, new Quiet())).isFalse();
    }
}
