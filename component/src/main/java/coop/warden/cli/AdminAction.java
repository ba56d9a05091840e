// Runs one admin action from the shell: who to log in as, the password, the command, and what to print.
package coop.warden.cli;

import coop.warden.config.WardenConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/** Exit status 0 done, 1 Warden refused (the reason is printed), 2 could not log in or connect. */
final class AdminAction {
    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int FAILED = 2;

    private AdminAction() {
    }

    static int run(Args args, InputStream stdin, PrintStream out, PrintStream err) throws Args.UsageException {
        AdminVerbs.Verb verb = AdminVerbs.find(args.words()).orElseThrow();
        List<String> rest = args.words().subList(verb.words().size(), args.words().size());
        if (rest.size() < verb.minArgs() || rest.size() > verb.maxArgs()) {
            throw new Args.UsageException("usage: warden " + verb.usage());
        }
        Map<String, List<String>> answers;
        try {
            answers = verb.answers().apply(rest);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        WardenConfig config;
        try {
            config = WardenConfig.load(args.config());
        } catch (RuntimeException e) {
            err.println("warden: cannot read the configuration " + args.config() + ": " + e.getMessage());
            return FAILED;
        }
        AdminClient.Login login = login(args, config);
        if (login.adminJid() == null) {
            err.println("warden: whom to log in as? Give --as ADMIN_JID, or set warden.cli.admin-jid or warden.admins");
            return FAILED;
        }
        String password;
        try {
            password = password(args, login.adminJid(), stdin);
        } catch (IOException e) {
            err.println("warden: cannot read the password: " + e.getMessage());
            return FAILED;
        }
        return perform(verb, rest, answers, login, password, out, err);
    }

    private static int perform(AdminVerbs.Verb verb, List<String> rest, Map<String, List<String>> answers,
                               AdminClient.Login login, String password, PrintStream out, PrintStream err) {
        try (AdminClient client = AdminClient.connect(login, password)) {
            if (verb.words().equals(List.of("commands"))) {
                client.commands().forEach(i -> out.println(i.getNode() + "  " + i.getName()));
                return DONE;
            }
            print(client.run(AdminVerbs.node(verb, rest), answers), out);
            return DONE;
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError error = e.getStanzaError();
            err.println("refused: " + (error.getDescriptiveText() != null ? error.getDescriptiveText() + " " : "")
                    + "(" + error.getCondition() + ")");
            return REFUSED;
        } catch (SASLErrorException e) {
            err.println("warden: Prosody refused the login as " + login.adminJid() + ": "
                    + e.getSASLFailure().getSASLErrorString());
            return FAILED;
        } catch (SmackException.ConnectionException e) {
            err.println("warden: cannot connect to " + login.host() + ":" + login.port() + " (warden.cli.xmpp-host,"
                    + " xmpp-port): " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("warden: " + describe(e));
            return REFUSED;
        } catch (Exception e) {
            Throwable tls = e;
            while (tls != null && !(tls instanceof javax.net.ssl.SSLException)) {
                tls = tls.getCause();
            }
            err.println("warden: " + (tls != null ? "TLS with " + login.host() + ":" + login.port() + " failed ("
                    + tls.getMessage() + "): if Prosody's certificate is self-signed or from a private CA, give it"
                    + " with --ca-file or warden.cli.ca-file" : describe(e)));
            return FAILED;
        }
    }

    private static AdminClient.Login login(Args args, WardenConfig config) {
        var raw = config.raw();
        String jid = args.option("as").orElse(raw.getString("warden.cli.admin-jid"));
        if (jid.isEmpty()) {
            jid = config.admins().stream().sorted().findFirst().orElse(null);
        }
        String ca = args.option("ca-file").orElse(raw.getString("warden.cli.ca-file"));
        return new AdminClient.Login(jid, args.option("host").orElse(raw.getString("warden.cli.xmpp-host")),
                args.option("port").map(Integer::parseInt).orElse(raw.getInt("warden.cli.xmpp-port")),
                ca.isEmpty() ? null : Path.of(ca), config.component().jid());
    }

    private static String password(Args args, String jid, InputStream stdin) throws IOException {
        byte[] bytes = args.option("password-file").isPresent()
                ? PasswordInput.fromFile(Path.of(args.option("password-file").get()))
                : PasswordInput.read("Password for " + jid + ": ", stdin);
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void print(AdminClient.Result result, PrintStream out) {
        result.notes().forEach(out::println);
        DataForm form = result.form();
        if (form == null) {
            return;
        }
        for (FormField f : form.getFields()) {
            if (f.getType() != FormField.Type.hidden && !f.getValues().isEmpty()) {
                out.println((f.getLabel() != null ? f.getLabel() : f.getFieldName()) + ": "
                        + String.join(", ", f.getValuesAsString()));
            }
        }
        for (DataForm.Item item : form.getItems()) {
            StringBuilder row = new StringBuilder();
            for (FormField f : item.getFields()) {
                row.append(row.length() == 0 ? "" : "  ").append(f.getFieldName()).append('=')
                        .append(String.join(",", f.getValuesAsString()));
            }
            out.println(row);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                + (root != e ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
    }
}
