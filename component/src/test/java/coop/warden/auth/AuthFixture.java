// A whole auth module over a scripted password checker, a fake clock and a recording IQ requester.
package coop.warden.auth;

import com.typesafe.config.ConfigFactory;
import coop.warden.config.WardenConfig;
import coop.warden.rooms.FakeClock;
import coop.warden.sasl.CheckResult;
import coop.warden.sasl.PasswordChecker;
import coop.warden.xmpp.IqOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

final class AuthFixture implements AutoCloseable {
    final FakeClock clock = new FakeClock();
    final FakeChecker checker = new FakeChecker();
    /** The IQs the module sent to Prosody (revocations); each is answered with {@link #revokeAnswer}. */
    final List<IQ> sent = new CopyOnWriteArrayList<>();
    volatile int revokeAnswerSessions = 1;
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final AuthModule module;

    /** {@code hocon} overrides keys under warden.auth (hosts coop.test and other.test, no reject floor). */
    AuthFixture(String hocon) {
        WardenConfig config = WardenConfig.of(ConfigFactory.parseString("""
                warden.component { jid = "warden.coop.test", secret = "s3cret" }
                warden.auth { hosts = ["coop.test", "other.test"], reject-floor = 0 ms }
                """ + "warden.auth {" + hocon + "}"));
        module = new AuthModule(config.auth(), config.raw(), checker, (iq, timeout) -> {
            sent.add(iq.createCopy());
            IQ reply = IQ.createResultIQ(iq);
            reply.setChildElement("revoked", AuthElements.NAMESPACE).addAttribute("sessions",
                    Integer.toString(revokeAnswerSessions));
            return CompletableFuture.completedFuture(reply);
        }, timers, clock, Runnable::run); // KDC probes run inline: every check completes before run() returns
    }

    AuthGuards guards() {
        return module.guards();
    }

    /** Records each check (copying the password, which the caller wipes) and answers as told. */
    static final class FakeChecker implements PasswordChecker {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<byte[]> passwordsSeen = new CopyOnWriteArrayList<>();
        volatile BiFunction<String, String, CheckResult> answer = (u, p) -> new CheckResult.Accepted();

        /** Accepts exactly {@code user}-Secret1 for the given users, rejects everything else. */
        void members(String... users) {
            List<String> good = new ArrayList<>();
            for (String u : users) {
                good.add(u + ":" + u + "-Secret1");
            }
            answer = (u, p) -> good.contains(u + ":" + p) ? new CheckResult.Accepted() : new CheckResult.Rejected();
        }

        @Override
        public CompletableFuture<CheckResult> check(String username, byte[] password) {
            String p = new String(password, StandardCharsets.UTF_8);
            calls.add(username + ":" + p);
            passwordsSeen.add(password);
            return CompletableFuture.completedFuture(answer.apply(username, p));
        }

        @Override
        public void close() {
        }
    }

    static IQ check(String from, String user, String password, String ip) {
        IQ iq = new IQ(IQ.Type.get);
        iq.setFrom(new JID(from));
        iq.setTo(new JID("warden.coop.test"));
        Element check = iq.setChildElement("check", AuthElements.NAMESPACE);
        if (user != null) {
            check.addElement("username").setText(user);
        }
        if (password != null) {
            check.addElement("password").setText(b64(password));
        }
        if (ip != null) {
            check.addElement("ip").setText(ip);
        }
        return iq;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    IqOutcome run(IQ iq) throws Exception {
        return module.handler().handle(iq).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** The outcome value ("accepted", "rejected", "unavailable") of a check from coop.test. */
    String login(String user, String password, String ip) throws Exception {
        return value(run(check("coop.test", user, password, ip)));
    }

    static String value(IqOutcome o) {
        if (!(o instanceof IqOutcome.Result r) || r.payload() == null) {
            throw new AssertionError("not an outcome: " + o);
        }
        if (!AuthElements.OUTCOME.equals(r.payload().getName())
                || !AuthElements.NAMESPACE.equals(r.payload().getNamespaceURI())) {
            throw new AssertionError("not an outcome: " + r.payload().asXML());
        }
        return r.payload().attributeValue("value");
    }

    @Override
    public void close() {
        module.close();
        timers.shutdownNow();
    }
}
