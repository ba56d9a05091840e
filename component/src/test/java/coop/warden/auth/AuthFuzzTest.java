package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.xmpp.IqRouter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Random and mutated password-check IQs, through the router to the handler: every request gets
 * exactly one well-formed answer, and a request that is refused changes nothing (no check is run,
 * the cache and the limits are as they were, nothing is sent to Prosody). Seeded: a failure
 * names its seed and request, and reruns the same way.
 */
class AuthFuzzTest {
    private static final long SEED = 0x5EED_0006L;
    private static final int CASES = 4000;
    private static final String NS = AuthElements.NAMESPACE;
    private static final String[] NAMES = {"check", "username", "password", "ip", "outcome", "revoke", "x", "Username"};
    private static final String[] NAMESPACES = {NS, NS, NS, "", "urn:warden:auth:2", "jabber:client", "urn:warden:muc:1"};
    private static final String[] FROMS = {"coop.test", "coop.test", "coop.test", "other.test", "alice@coop.test/x",
        "coop.test/res", "evil.test", "conference.coop.test"};

    private final AuthFixture f = new AuthFixture("""
            cache { hash-iterations = 1000, recheck-interval = 0 seconds }
            limits { per-user { failures = 3, window = 5 minutes }, per-ip { failures = 6, window = 5 minutes } }
            """);
    private final List<Packet> replies = new ArrayList<>();
    private final IqRouter router = new IqRouter(Runnable::run, replies::add);
    private final Random random = new Random(SEED);

    AuthFuzzTest() {
        router.register(f.module.handler());
        f.checker.members("alice", "bob", "user001");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void randomAndMutatedChecksNeverCrashHangOrChangeStateWhenRefused() throws Exception {
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            IQ iq = random.nextInt(3) == 0 ? randomIq() : mutatedCheck();
            String what = "case " + i + " (seed " + SEED + "): " + iq.toXML();
            String before = state();
            int asked = f.checker.calls.size();
            replies.clear();
            router.route(iq);
            IQ reply = awaitReply(what);
            assertThat(reply.getID()).as(what).isEqualTo(iq.getID());
            assertThat(reply.toXML()).as(what).doesNotContain("Secret1");
            if (reply.getType() == IQ.Type.error) {
                assertThat(reply.getError().getCondition()).as(what).isIn(PacketError.Condition.bad_request,
                        PacketError.Condition.forbidden, PacketError.Condition.service_unavailable);
                assertThat(f.checker.calls).as(what).hasSize(asked);
                assertThat(state()).as(what).isEqualTo(before);
                seen.merge(reply.getError().getCondition().toXMPP(), 1, Integer::sum);
            } else {
                assertThat(reply.getType()).as(what).isEqualTo(IQ.Type.result);
                assertThat(AuthFixture.value(new coop.warden.xmpp.IqOutcome.Result(reply.getChildElement())))
                        .as(what).isIn("accepted", "rejected", "unavailable");
                seen.merge(reply.getChildElement().attributeValue("value"), 1, Integer::sum);
            }
        }
        // Not vacuous: the inputs reached every answer, refusals and checks alike.
        assertThat(seen).as("answers seen").containsKeys("bad-request", "forbidden", "service-unavailable",
                "accepted", "rejected", "unavailable");
        assertThat(f.checker.passwordsSeen).as("every password wiped").allSatisfy(p -> assertThat(p).containsOnly((byte) 0));
    }

    /** The reply, which must come (no hang) and come once; the floor is 0 and the probe inline, so it is already here. */
    private IQ awaitReply(String what) {
        assertThat(replies).as(what).hasSize(1);
        return (IQ) replies.get(0);
    }

    private String state() {
        return f.guards().cache().size() + "/" + f.guards().limits().tracked() + "/" + f.sent.size() + "/"
                + f.guards().rechecker().backlog();
    }

    private IQ mutatedCheck() {
        IQ iq = envelope();
        Element check = iq.setChildElement("check", NS);
        check.addElement(QName.get("username", NS)).setText(pick("alice", "bob", "user001", "mallory", "alice"));
        check.addElement(QName.get("password", NS)).setText(pick(b64("alice-Secret1"), b64("bob-Secret1"),
                b64("wrong"), b64("user001-Secret1")));
        if (random.nextBoolean()) {
            check.addElement(QName.get("ip", NS)).setText(pick("192.0.2.7", "2001:db8::1", "192.0.2.8"));
        }
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutate(check);
        }
        return iq;
    }

    private void mutate(Element check) {
        List<Element> children = check.elements();
        Element victim = children.isEmpty() ? null : children.get(random.nextInt(children.size()));
        switch (random.nextInt(7)) {
            case 0 -> { if (victim != null) { check.remove(victim); } }
            case 1 -> { if (victim != null) { check.add(victim.createCopy()); } }
            case 2 -> { if (victim != null) { victim.setQName(QName.get(victim.getName(), pick(NAMESPACES))); } }
            case 3 -> { if (victim != null) { victim.setText(text()); } }
            case 4 -> { if (victim != null) { victim.addElement(pick(NAMES)).setText(text()); } }
            case 5 -> check.addElement(QName.get(pick(NAMES), pick(NAMESPACES))).setText(text());
            default -> {
                for (int k = 0; k < 20; k++) {
                    check.addElement(QName.get("ip", NS)).setText(text());
                }
            }
        }
    }

    private IQ randomIq() {
        IQ iq = envelope();
        if (random.nextInt(10) > 0) {
            iq.setChildElement(randomElement(0));
        }
        return iq;
    }

    private Element randomElement(int depth) {
        Element e = DocumentHelper.createElement(QName.get(pick(NAMES), pick(NAMESPACES)));
        if (random.nextBoolean()) {
            e.addAttribute(pick("value", "xmlns:x", "id", "type"), text());
        }
        int children = depth < 3 ? random.nextInt(5) : 0;
        for (int c = 0; c < children; c++) {
            if (random.nextBoolean()) {
                e.add(randomElement(depth + 1));
            } else {
                e.addText(text());
            }
        }
        return e;
    }

    private IQ envelope() {
        IQ iq = new IQ(random.nextInt(5) == 0 ? IQ.Type.set : IQ.Type.get);
        iq.setFrom(new JID(pick(FROMS)));
        iq.setTo(new JID("warden.coop.test"));
        return iq;
    }

    private String text() {
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> "alice";
            case 2 -> "alice@OTHER.REALM";
            case 3 -> "al\0ice";
            case 4 -> "a".repeat(256 + random.nextInt(2000));
            case 5 -> b64("pw\0nul");
            case 6 -> b64("p".repeat(256));
            case 7 -> "%%%";
            case 8 -> "\uD800" + "\uFFFE" + "\u0007";
            case 9 -> "ÅLICE";
            case 10 -> "::ffff:" + random.nextInt(256) + ".0.2.1";
            case 11 -> randomBytesB64();
            case 12 -> "   " + b64("alice-Secret1") + "\n";
            default -> Integer.toString(random.nextInt());
        };
    }

    private String randomBytesB64() {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    @Test
    void unknownElementsAndNamespacesGetServiceUnavailable() {
        for (String ns : Set.of("urn:warden:auth:2", "urn:warden:auth", "urn:warden:muc:1")) {
            IQ iq = new IQ(IQ.Type.get);
            iq.setFrom(new JID("coop.test"));
            iq.setChildElement("check", ns);
            replies.clear();
            router.route(iq);
            assertThat(((IQ) replies.get(0)).getError().getCondition()).as(ns + ": " + replies.get(0).toXML()).isEqualTo(PacketError.Condition.service_unavailable);
        }
        assertThat(f.checker.calls).isEmpty();
    }
}
