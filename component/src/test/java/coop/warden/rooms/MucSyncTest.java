package coop.warden.rooms;

import static coop.warden.rooms.RoomsFixture.allowed;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import coop.warden.xmpp.IqOutcome;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

class MucSyncTest {
    static final JID ADMIN = new JID("admin@coop.test");
    static final JID MEETING = new JID("meeting@conference.coop.test");
    static final String ALICE_BOB = "<room jid='meeting@conference.coop.test'>"
            + "<occupant jid='alice@coop.test/dev' nick='meeting@conference.coop.test/alice'/>"
            + "<occupant jid='bob@coop.test/dev' nick='meeting@conference.coop.test/bob'/></room>";

    RoomsFixture f = new RoomsFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theSyncRequestIsAGetToEachMucHost() throws Exception {
        f.module.onLinkUp();
        FakeRequester.Pending p = f.requester.next();
        assertThat(p.request().getType()).isEqualTo(IQ.Type.get);
        assertThat(p.request().getTo()).isEqualTo(RoomsFixture.HOST_JID);
        Element sync = p.request().getChildElement();
        assertThat(sync.getName()).isEqualTo("sync");
        assertThat(sync.getNamespaceURI()).isEqualTo("urn:warden:muc:1");
        assertThat(sync.elements()).isEmpty();
    }

    @Test
    void joinsDuringTheSyncWaitAndAreDecidedAgainstProsodysOccupants() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(2)), ADMIN);
        f.module.onLinkUp();
        CompletableFuture<IqOutcome> carol = f.send(RoomsFixture.HOST, "join", RoomsFixture.attrs("meeting", "carol"));
        assertThat(carol).isNotDone();

        f.answerSync(ALICE_BOB);
        Element d = RoomsFixture.decision(carol.get(10, TimeUnit.SECONDS));
        assertThat(d.elementText("text")).isEqualTo("This meeting is full (2 of 2).");
        assertThat(f.module.admin().room(MEETING).occupants()).extracting(s -> s.occupant().toString())
                .containsExactly("alice@coop.test/dev", "bob@coop.test/dev");
    }

    @Test
    void aResyncDropsWhatProsodyNoLongerHasAndKeepsPendingReservations() throws Exception {
        f.sync("");
        f.join("meeting", "alice");
        f.joined("meeting", "alice");
        f.join("meeting", "bob"); // reserved, not yet joined
        f.join("other", "carol");
        f.joined("other", "carol");

        f.sync("<room jid='meeting@conference.coop.test'>"
                + "<occupant jid='dave@coop.test/dev' nick='meeting@conference.coop.test/dave'/></room>");

        assertThat(f.module.admin().room(MEETING).occupants())
                .extracting(s -> s.occupant().toString(), Seat::isReservation)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("dave@coop.test/dev", false),
                        org.assertj.core.groups.Tuple.tuple("bob@coop.test/dev", true));
        assertThat(f.module.admin().room(new JID("other@conference.coop.test")).occupants()).isEmpty();
    }

    @Test
    void notificationsThatArriveDuringTheSyncAreNotLost() throws Exception {
        f.sync("");
        f.module.onLinkUp();
        // Prosody's answer was taken before these happened: alice has left, erin has joined.
        f.left("meeting", "alice");
        f.joined("meeting", "erin");
        f.answerSync(ALICE_BOB);
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(f.module.admin().room(MEETING).occupants()).extracting(s -> s.occupant().toString())
                .containsExactlyInAnyOrder("bob@coop.test/dev", "erin@coop.test/dev");
    }

    @Test
    void aRoomDestroyedDuringTheSyncIsNotResurrected() throws Exception {
        f.module.onLinkUp();
        f.sendNow("destroyed", "room='meeting@conference.coop.test'");
        f.answerSync(ALICE_BOB);
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.module.admin().room(MEETING).occupants()).isEmpty();
    }

    @Test
    void serviceAccountsInTheAnswerAreListedButNotCounted() throws Exception {
        f.sync("<room jid='meeting@conference.coop.test'>"
                + "<occupant jid='focus@auth.coop.test/focus' nick='meeting@conference.coop.test/focus'/>"
                + "<occupant jid='alice@coop.test/dev' nick='meeting@conference.coop.test/alice'/></room>"
                + "<room jid='stray@elsewhere.test'><occupant jid='x@coop.test/y'/></room>"
                + "<room jid='meeting2@conference.coop.test'><occupant jid='@@bad'/></room>");
        assertThat(f.module.admin().room(MEETING).count()).isEqualTo(1);
        assertThat(f.module.admin().room(MEETING).occupants()).hasSize(2);
        assertThat(f.module.admin().rooms()).extracting(v -> v.room().toString())
                .containsExactly("meeting@conference.coop.test");
    }

    @Test
    void aFailedSyncRefusesCappedRoomsWithWaitLetsOthersInAndIsRetried() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(5)), ADMIN);
        f.module.onLinkUp();
        FakeRequester.Pending p = f.requester.next();
        IQ error = IQ.createResultIQ(p.request());
        error.setError(PacketError.Condition.service_unavailable);
        p.answer().complete(error);
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isFalse();

        Element refused = f.join("meeting", "alice");
        assertThat(refused.attributeValue("allow")).isEqualTo("false");
        assertThat(refused.attributeValue("error-type")).isEqualTo("wait");
        assertThat(refused.attributeValue("condition")).isEqualTo("service-unavailable");
        assertThat(refused.elementText("text")).contains("starting");
        assertThat(refused.element("full")).isNull();

        assertThat(allowed(f.join("uncapped", "alice"))).isTrue();
        assertThat(allowed(f.join("meeting", "admin"))).isTrue();

        // The retry (after a backoff) succeeds, and joins are decided normally again.
        f.answerSync("");
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(allowed(f.join("meeting", "alice"))).isTrue();
    }

    @Test
    void aSyncAnswerFromAnyoneButTheHostIsIgnored() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(5)), ADMIN);
        f.module.onLinkUp();
        FakeRequester.Pending p = f.requester.next();
        IQ forged = IQ.createResultIQ(p.request());
        forged.setFrom(new JID("mallory@coop.test/x"));
        forged.setChildElement(Stanzas.element("<sync xmlns='urn:warden:muc:1'>" + ALICE_BOB + "</sync>"));
        p.answer().complete(forged);
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(f.module.admin().room(MEETING).occupants()).isEmpty();
    }

    @Test
    void aTimedOutSyncCountsAsFailed() throws Exception {
        f.store.setRoomCap(MEETING, Optional.of(Cap.seats(5)), ADMIN);
        f.module.onLinkUp();
        f.requester.next().answer().completeExceptionally(new java.util.concurrent.TimeoutException("no answer"));
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(allowed(f.join("meeting", "alice"))).isFalse();
    }

    @Test
    void joinsBeforeTheLinkReportsUpGetTheSafeAnswerAfterTheSyncTimeout() throws Exception {
        try (RoomsFixture g = new RoomsFixture(TestConfigs.with("warden.muc.sync-timeout = 50 ms"),
                new MemoryStore())) {
            g.store.setRoomCap(MEETING, Optional.of(Cap.seats(5)), ADMIN);
            Element d = g.join("meeting", "alice"); // waits for the sync timeout, then answers
            assertThat(d.attributeValue("error-type")).isEqualTo("wait");
            assertThat(allowed(g.join("uncapped", "alice"))).isTrue();
        }
    }

    @Test
    void aNewerSyncSupersedesAnOlderOne() throws Exception {
        f.module.onLinkUp();
        FakeRequester.Pending first = f.requester.next();
        f.module.onLinkUp();
        f.answerSync(ALICE_BOB);
        assertThat(f.module.whenSynced(RoomsFixture.HOST_JID).get(10, TimeUnit.SECONDS)).isTrue();
        IQ stale = IQ.createResultIQ(first.request());
        stale.setChildElement(Stanzas.element("<sync xmlns='urn:warden:muc:1'/>"));
        first.answer().complete(stale);
        f.scheduler.submit(() -> { }).get(10, TimeUnit.SECONDS); // the stale answer has been handled
        assertThat(f.module.admin().room(MEETING).count()).isEqualTo(2);
    }
}
