// A logged-in member cannot use the component as a password oracle, even with a forged 'from'.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class OracleTest {

    /** A raw urn:warden:auth:1 check, as a member's client could craft it. */
    static final class CheckIq extends IQ {
        private final String user;
        private final String password;

        CheckIq(String user, String password) {
            super("check", "urn:warden:auth:1");
            this.user = user;
            this.password = password;
            setType(Type.get);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.element("username", user);
            xml.element("password", Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
            return xml;
        }
    }

    @Test
    void memberAskingTheComponentDirectlyIsForbidden() throws Exception {
        assertForbidden(false);
    }

    @Test
    void memberForgingTheHostAsSenderIsForbidden() throws Exception {
        assertForbidden(true);
    }

    private static void assertForbidden(boolean forgeFrom) throws Exception {
        XMPPTCPConnection c = Clients.login("dave");
        try {
            CheckIq iq = new CheckIq("alice", Stack.password("alice"));
            iq.setTo(JidCreate.from(Stack.COMPONENT));
            if (forgeFrom) {
                iq.setFrom(JidCreate.from(Stack.DOMAIN));
            }
            StanzaCollector collector = c.createStanzaCollectorAndSend(iq);
            IQ reply;
            try {
                reply = collector.nextResult(10_000);
            } finally {
                collector.cancel();
            }
            assertThat(reply).as("an answer from the component").isNotNull();
            assertThat(reply.getType()).isEqualTo(IQ.Type.error);
            assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
            assertThat(reply.toXML().toString()).doesNotContain("accepted");
        } finally {
            c.disconnect();
        }
    }
}
