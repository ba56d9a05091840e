// Logs in to Prosody as an admin (c2s, STARTTLS) and runs Warden's XEP-0050 commands, as an XMPP client would.
package coop.warden.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** One session: {@link #connect}, any number of {@link #run} or {@link #commands}, then close. */
final class AdminClient implements AutoCloseable {

    /** Where and as whom to log in; {@code caFile} null trusts the system's CAs. */
    record Login(String adminJid, String host, int port, Path caFile, String component) {}

    /** A completed command: its notes and its result form (null when it has none). */
    record Result(List<String> notes, DataForm form) {}

    private final XMPPTCPConnection connection;
    private final AdHocCommandManager commands;
    private final String component;

    private AdminClient(XMPPTCPConnection connection, String component) {
        this.connection = connection;
        this.commands = AdHocCommandManager.getAddHocCommandsManager(connection);
        this.component = component;
    }

    /** Connects and logs in; the caller reports failures (Smack's exceptions name the cause). */
    static AdminClient connect(Login login, String password) throws Exception {
        EntityBareJid jid = JidCreate.entityBareFrom(login.adminJid());
        XMPPTCPConnectionConfiguration.Builder b = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(jid.asDomainBareJid())
                .setHostAddress(InetAddress.getByName(login.host()))
                .setPort(login.port())
                .setUsernameAndPassword(jid.getLocalpart(), password)
                .setResource("warden-cli-" + ThreadLocalRandom.current().nextInt(1_000_000))
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setSendPresence(false)
                .setConnectTimeout(10_000);
        if (login.caFile() != null) {
            b.setCustomX509TrustManager(trusting(login.caFile()));
        }
        XMPPTCPConnection c = new XMPPTCPConnection(b.build());
        c.setReplyTimeout(15_000);
        c.connect();
        try {
            c.login();
        } catch (Exception e) {
            c.disconnect();
            throw e;
        }
        return new AdminClient(c, login.component());
    }

    /** Trusts exactly the certificates in a PEM file (Prosody's own, or its CA's). */
    static X509TrustManager trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    /** The commands this account may run: node → name. */
    List<DiscoverItems.Item> commands() throws Exception {
        return commands.discoverCommands(JidCreate.from(component)).getItems();
    }

    /**
     * Executes {@code node}, fills its form with {@code answers} (var → values, as typed) and completes it.
     *
     * @throws org.jivesoftware.smack.XMPPException.XMPPErrorException when Warden refuses
     */
    Result run(String node, Map<String, List<String>> answers) throws Exception {
        RemoteCommand command = commands.getRemoteCommand(JidCreate.from(component), node);
        command.execute();
        if (!command.isCompleted()) {
            DataForm form = command.getForm();
            FillableForm fill = new FillableForm(form);
            for (Map.Entry<String, List<String>> a : answers.entrySet()) {
                answer(fill, form.getField(a.getKey()), a.getKey(), a.getValue());
            }
            command.complete(fill);
        }
        return new Result(command.getNotes().stream().map(AdHocCommandNote::getValue).toList(), command.getForm());
    }

    private static void answer(FillableForm fill, FormField field, String var, List<String> values) {
        if (field == null) {
            throw new IllegalArgumentException("the command has no field “" + var + "”");
        }
        switch (field.getType()) {
            case bool -> fill.setAnswer(var, values.get(0).equals("1") || Boolean.parseBoolean(values.get(0)));
            case jid_multi, text_multi, list_multi -> {
                // Smack submits no field without a value; an unanswered multi field means "none" to Warden.
                if (!values.isEmpty()) {
                    fill.setAnswer(var, values);
                }
            }
            default -> {
                try {
                    fill.setAnswer(var, values.get(0));
                } catch (IllegalArgumentException notAJid) {
                    // Let Warden judge what was typed, as it would from a simpler client.
                    fill.write(FormField.textSingleBuilder(var).setValue(values.get(0)).build());
                }
            }
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
