package coop.warden.rooms;

import static coop.warden.rooms.RoomsFixture.allowed;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

class MucHandlersTest {
    static final JID ADMIN = new JID("admin@coop.test");
    static final JID MEETING = new JID("meeting@conference.coop.test");

    RoomsFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RoomsFixture();
        f.sync("");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void handlesTheFiveRequestsAsSetsOnly() {
        assertThat(f.module.handlers()).extracting(h -> h.element())
                .containsExactlyInAnyOrder("create", "join", "joined", "left", "destroyed");
        assertThat(f.module.handlers()).allSatisfy(h -> {
            assertThat(h.namespace()).isEqualTo("urn:warden:muc:1");
            assertThat(h.accepts(IQ.Type.set)).isTrue();
            assertThat(h.accepts(IQ.Type.get)).isFalse();
        });
    }

    @Test
    void aJoinUnderTheCapIsAllowed() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(2)), ADMIN);
        Element d = f.join("meeting", "alice");
        assertThat(d.attributeValue("allow")).isEqualTo("true");
        assertThat(d.elements()).isEmpty();
    }

    @Test
    void aJoinOverTheCapIsRefusedWithTextAndTheFullElement() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(2)), ADMIN);
        f.join("meeting", "alice");
        f.joined("meeting", "alice");
        f.join("meeting", "bob");
        f.joined("meeting", "bob");

        Element d = f.join("meeting", "carol");
        assertThat(d.attributeValue("allow")).isEqualTo("false");
        assertThat(d.attributeValue("error-type")).isEqualTo("cancel");
        assertThat(d.attributeValue("condition")).isEqualTo("service-unavailable");
        assertThat(d.elementText("text")).isEqualTo("This meeting is full (2 of 2).");
        Element full = d.element("full");
        assertThat(full.getNamespaceURI()).isEqualTo("urn:warden:muc:1");
        assertThat(full.attributeValue("cap")).isEqualTo("2");
        assertThat(full.attributeValue("count")).isEqualTo("2");

        f.left("meeting", "alice");
        assertThat(allowed(f.join("meeting", "carol"))).isTrue();
    }

    @Test
    void theDefaultCapAppliesToRoomsWithoutTheirOwn() throws Exception {
        try (RoomsFixture g = new RoomsFixture(TestConfigs.with("warden.muc.default-cap = 1"), new MemoryStore())) {
            g.sync("");
            assertThat(allowed(g.join("a", "alice"))).isTrue();
            assertThat(allowed(g.join("a", "bob"))).isFalse();
            g.store.setRoomCap(new JID("a@conference.coop.test"), Optional.of(Cap.unlimited()), ADMIN);
            assertThat(allowed(g.join("a", "bob"))).isTrue();
            g.store.setDefaultCap(Optional.of(Cap.seats(5)), ADMIN);
            assertThat(allowed(g.join("b", "alice"))).isTrue();
        }
    }

    @Test
    void creationFromAMucHostIsAllowed() throws Exception {
        Element d = RoomsFixture.decision(f.sendNow("create",
                "room='new@conference.coop.test' occupant='alice@coop.test/dev'"));
        assertThat(allowed(d)).isTrue();
    }

    @Test
    void notificationsAreAnsweredWithAnEmptyResultEvenWhenUnknown() throws Exception {
        assertThat(f.sendNow("left", RoomsFixture.attrs("ghost", "nobody"))).isEqualTo(IqOutcome.empty());
        assertThat(f.sendNow("left", "room='ghost@conference.coop.test' occupant='nobody@coop.test/x'"))
                .isEqualTo(IqOutcome.empty());
        assertThat(f.sendNow("destroyed", "room='ghost@conference.coop.test'")).isEqualTo(IqOutcome.empty());
        assertThat(f.sendNow("joined", RoomsFixture.attrs("meeting", "alice"))).isEqualTo(IqOutcome.empty());
    }

    @Test
    void destroyedFreesEverySeat() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(1)), ADMIN);
        f.join("meeting", "alice");
        f.joined("meeting", "alice");
        f.sendNow("destroyed", "room='meeting@conference.coop.test'");
        assertThat(allowed(f.join("meeting", "bob"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@coop.test/laptop", "coop.test", "conference.coop.test/res",
            "other.coop.test", "warden.coop.test"})
    void requestsFromAnythingButAMucHostAreForbidden(String from) throws Exception {
        for (String element : List.of("create", "join", "joined", "left", "destroyed")) {
            IqOutcome out = f.send(from, element, RoomsFixture.attrs("meeting", "alice")).get(10, TimeUnit.SECONDS);
            assertThat(out).isInstanceOf(IqOutcome.Failure.class);
            assertThat(((IqOutcome.Failure) out).condition()).isEqualTo(ErrorCondition.FORBIDDEN);
        }
        assertThat(f.module.admin().rooms()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "occupant='alice@coop.test/dev' nick='meeting@conference.coop.test/alice'",
        "room='' occupant='alice@coop.test/dev' nick='meeting@conference.coop.test/alice'",
        "room='a@@b' occupant='alice@coop.test/dev' nick='meeting@conference.coop.test/alice'",
        "room='conference.coop.test' occupant='alice@coop.test/dev' nick='conference.coop.test/alice'",
        "room='meeting@other.coop.test' occupant='alice@coop.test/dev' nick='meeting@other.coop.test/alice'",
        "room='meeting@conference.coop.test/x' occupant='alice@coop.test/dev' nick='meeting@conference.coop.test/a'",
        "room='meeting@conference.coop.test' nick='meeting@conference.coop.test/alice'",
        "room='meeting@conference.coop.test' occupant='@@' nick='meeting@conference.coop.test/alice'",
        "room='meeting@conference.coop.test' occupant='alice@coop.test/dev'",
        "room='meeting@conference.coop.test' occupant='alice@coop.test/dev' nick='other@conference.coop.test/a'",
        "room='meeting@conference.coop.test' occupant='alice@coop.test/dev' nick='meeting@conference.coop.test'"})
    void malformedJoinsAreBadRequestsAndChangeNothing(String attributes) throws Exception {
        IqOutcome out = f.sendNow("join", attributes);
        assertThat(out).isInstanceOf(IqOutcome.Failure.class);
        IqOutcome.Failure failure = (IqOutcome.Failure) out;
        assertThat(failure.condition()).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(failure.text()).isNotBlank();
        assertThat(f.module.admin().rooms()).isEmpty();
    }

    @Test
    void malformedNotificationsAreBadRequestsToo() throws Exception {
        assertThat(f.sendNow("joined", "room='meeting@conference.coop.test' occupant='a@coop.test/x'"))
                .isInstanceOf(IqOutcome.Failure.class);
        assertThat(f.sendNow("destroyed", "room='x@elsewhere.test'")).isInstanceOf(IqOutcome.Failure.class);
        assertThat(f.sendNow("create", "room='meeting@conference.coop.test'")).isInstanceOf(IqOutcome.Failure.class);
        assertThat(f.module.admin().rooms()).isEmpty();
    }

    @Test
    void tenSimultaneousJoinRequestsToACapThreeRoomGetExactlyThreeAllows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (int round = 0; round < 20; round++) {
                String room = "race" + round;
                f.store.setRoomCap(new JID(room + "@conference.coop.test"), Optional.of(Cap.seats(3)), ADMIN);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Element>> decisions = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String name = "p" + i;
                    decisions.add(pool.submit(() -> {
                        go.await();
                        return f.join(room, name);
                    }));
                }
                go.countDown();
                int allows = 0;
                for (Future<Element> d : decisions) {
                    allows += allowed(d.get(10, TimeUnit.SECONDS)) ? 1 : 0;
                }
                assertThat(allows).as("round %d", round).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exemptAccountsJoinAFullRoomWithoutTakingASeat() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(1)), ADMIN);
        f.join("meeting", "alice");
        CompletableFuture<IqOutcome> focus = f.send(RoomsFixture.HOST, "join",
                "room='meeting@conference.coop.test' occupant='focus@auth.coop.test/focus'"
                        + " nick='meeting@conference.coop.test/focus'");
        assertThat(allowed(RoomsFixture.decision(focus.get(10, TimeUnit.SECONDS)))).isTrue();
        assertThat(f.module.admin().room(MEETING).count()).isEqualTo(1);
        assertThat(f.module.admin().room(MEETING).occupants()).hasSize(2);
    }

    @Test
    void adminsAreNeverRefused() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(1)), ADMIN);
        f.join("meeting", "alice");
        assertThat(allowed(f.join("meeting", "admin"))).isTrue();
        assertThat(f.module.admin().room(MEETING).count()).isEqualTo(2);
        Element refused = f.join("meeting", "bob");
        assertThat(refused.elementText("text")).isEqualTo("This meeting is full (2 of 1).");
    }
}
