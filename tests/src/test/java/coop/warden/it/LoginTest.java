// Members log in with their Kerberos password through Warden; wrong passwords and strangers do not.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;

class LoginTest {

    @Test
    void memberLogsInWithKerberosPassword() throws Exception {
        XMPPTCPConnection c = Clients.login("alice");
        try {
            assertThat(c.isAuthenticated()).isTrue();
            assertThat(c.getUser().asBareJid().toString()).isEqualTo("alice@coop.test");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        Clients.Attempt wrong = Clients.attempt("bob", "not-bobs-password");
        Clients.Attempt unknown = Clients.attempt("mallory", "mallory-Secret1");

        assertThat(wrong.outcome()).isEqualTo("not-authorized");
        assertThat(unknown.outcome()).isEqualTo("not-authorized");
        assertThat(unknown.text()).isEqualTo(wrong.text());
    }

    @Test
    void rightUserWithAnotherMembersPasswordIsRefused() throws Exception {
        assertThat(Clients.attempt("carol", Stack.password("alice")).outcome()).isEqualTo("not-authorized");
    }
}
