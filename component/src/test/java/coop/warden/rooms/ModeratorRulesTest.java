package coop.warden.rooms;

import static coop.warden.rooms.RoomsFixture.allowed;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.RuleSet;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** The moderator rules through the MUC handlers, on a fake clock and scheduler (grace: 60 s). */
class ModeratorRulesTest {
    static final String ALICE = "alice@coop.test/dev";
    static final String ALICE_PHONE = "alice@coop.test/phone";
    static final String BOB = "bob@coop.test/dev";
    static final String CAROL = "carol@coop.test/dev";
    static final String ADMIN = "admin@coop.test/dev";
    static final String FOCUS = "focus@auth.coop.test/focus";
    static final String GUEST = "x7f3@guest.coop.test/web";
    static final String STRANGER = "mallory@elsewhere.example/x";
    static final JID ACTOR = new JID("admin@coop.test");

    RulesFixture f;

    private RulesFixture start(String config) throws Exception {
        f = new RulesFixture(config);
        return f;
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** "owner/moderator", "member/participant", "none/participant", or "-" for no grant; "refused" if refused. */
    private static String grant(Element decision) {
        if (!allowed(decision)) {
            return "refused";
        }
        String affiliation = decision.attributeValue("affiliation");
        return affiliation == null ? "-" : affiliation + "/" + decision.attributeValue("role");
    }

    private void rules(String room, RuleSet rules) {
        f.module.rulesAdmin().setRoomRules(new JID(room + "@" + RulesFixture.HOST), Optional.of(rules), ACTOR);
    }

    @Test
    void membersModerateMakesEveryMemberAnOwnerAndGuestsParticipants() throws Exception {
        start("");
        assertThat(grant(f.open("m", ALICE))).isEqualTo("owner/moderator");
        assertThat(grant(f.enter("m", BOB))).isEqualTo("owner/moderator");
        assertThat(grant(f.enter("m", GUEST))).isEqualTo("none/participant");
        assertThat(grant(f.enter("m", STRANGER))).as("not on a members' domain: a guest").isEqualTo("none/participant");
        assertThat(grant(f.enter("m", ADMIN))).isEqualTo("owner/moderator");
        assertThat(grant(f.enter("m", FOCUS))).as("a service account is left alone").isEqualTo("-");
    }

    @Test
    void aGuestCannotOpenARoomButMembersAdminsAndServicesCan() throws Exception {
        start("");
        Element refused = f.create("g", GUEST);
        assertThat(refused.attributeValue("allow")).isEqualTo("false");
        assertThat(refused.attributeValue("error-type")).isEqualTo("cancel");
        assertThat(refused.attributeValue("condition")).isEqualTo("not-allowed");
        assertThat(refused.elementText("text")).isEqualTo(
                "Only members of the co-op can open a meeting. Ask a member to open it, then join.");
        for (String who : new String[] {ALICE, ADMIN, FOCUS}) {
            assertThat(allowed(f.create("room-of-" + new JID(who).getNode(), who))).as(who).isTrue();
        }
    }

    @Test
    void aGuestWaitsForAMemberByDefault() throws Exception {
        start("");
        f.open("w", FOCUS); // Jitsi's focus opens rooms: no member yet
        Element waiting = f.join("w", GUEST);
        assertThat(waiting.attributeValue("allow")).isEqualTo("false");
        assertThat(waiting.attributeValue("error-type")).isEqualTo("wait");
        assertThat(waiting.attributeValue("condition")).isEqualTo("not-allowed");
        assertThat(waiting.elementText("text"))
                .isEqualTo("Waiting for a member of the co-op to join this meeting; try again shortly.");

        f.enter("w", BOB);
        assertThat(grant(f.enter("w", GUEST))).isEqualTo("none/participant");
    }

    @Test
    void anAdminIsEnoughForAGuestToEnter() throws Exception {
        start("");
        f.open("a", ADMIN);
        assertThat(grant(f.enter("a", GUEST))).isEqualTo("none/participant");
    }

    @Test
    void withGuestNeedsMemberOffAGuestEntersAnEmptyRoomButStillCannotOpenOne() throws Exception {
        start("warden.rules.guest-needs-member = false");
        f.open("e", FOCUS);
        assertThat(grant(f.enter("e", GUEST))).isEqualTo("none/participant");
        assertThat(allowed(f.create("new", GUEST))).isFalse();
    }

    @Test
    void listedRoomsAreModeratedByTheListedMembersOnly() throws Exception {
        start("");
        JID room = new JID("l@" + RulesFixture.HOST);
        rules("l", RuleSet.LISTED);
        f.module.rulesAdmin().setModerators(room, Set.of(new JID("bob@coop.test")), ACTOR);

        Element notListed = f.create("l", ALICE);
        assertThat(notListed.attributeValue("allow")).as("a creator who would not own the room").isEqualTo("false");
        assertThat(notListed.attributeValue("condition")).isEqualTo("not-allowed");
        assertThat(notListed.elementText("text"))
                .isEqualTo("Only this meeting's moderators can open it. Join once one of them has opened it.");

        assertThat(grant(f.open("l", BOB))).isEqualTo("owner/moderator");
        assertThat(grant(f.enter("l", ALICE))).isEqualTo("member/participant");
        assertThat(grant(f.enter("l", ADMIN))).as("admins always moderate").isEqualTo("owner/moderator");
        assertThat(grant(f.enter("l", GUEST))).isEqualTo("none/participant");
    }

    @Test
    void firstMemberOwnsGivesTheFirstMemberOwnershipAndTheOthersParticipation() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.open("f", FOCUS);
        f.enter("f", BOB);
        assertThat(f.affiliations()).isEmpty();
        f.enter("f", GUEST);
        assertThat(grant(f.enter("f", ALICE))).isEqualTo("member/participant");
        assertThat(grant(f.enter("f", CAROL))).isEqualTo("member/participant");
        JID room = new JID("f@" + RulesFixture.HOST);
        assertThat(f.module.rulesAdmin().room(room).owner().orElseThrow().member()).contains(new JID("bob@coop.test"));
        assertThat(f.module.grantsModerator(room, new JID(BOB))).isTrue();
        assertThat(f.module.grantsModerator(room, new JID(ALICE))).isFalse();
        assertThat(f.module.grantsModerator(room, new JID(GUEST))).isFalse();
        assertThat(f.module.grantsModerator(room, new JID(ADMIN))).isTrue();
    }

    @Test
    void anOwnerWhoReconnectsWithinTheGraceIsOwnerAgainAndNothingIsHandedOver() throws Exception {
        start("warden.rules.default = first-member-owns");
        assertThat(grant(f.open("r", ALICE))).isEqualTo("owner/moderator");
        f.enter("r", BOB);
        f.leave("r", ALICE);
        f.scheduler.advance(Duration.ofSeconds(59));
        assertThat(f.affiliations()).isEmpty();

        assertThat(grant(f.enter("r", ALICE_PHONE))).as("back within the grace").isEqualTo("owner/moderator");
        f.scheduler.advance(Duration.ofMinutes(5));
        assertThat(f.affiliations()).as("the hand-over was cancelled").isEmpty();
        assertThat(f.scheduler.pending()).as("only the reservation sweeper is left").isEqualTo(1);
    }

    @Test
    void afterTheGraceOwnershipPassesToTheMemberPresentLongestNeverToAGuest() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.open("h", ALICE);
        f.enter("h", GUEST);
        f.enter("h", CAROL);
        f.enter("h", BOB);
        f.leave("h", ALICE);
        f.scheduler.advance(Duration.ofSeconds(60));

        assertThat(f.affiliations()).containsExactly("carol@coop.test owner h", "alice@coop.test member h");
        assertThat(grant(f.enter("h", ALICE))).as("the old owner is back too late").isEqualTo("member/participant");
    }

    @Test
    void withOnlyAGuestLeftTheRoomHasNoOwnerUntilTheNextMemberJoins() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.open("g", ALICE);
        f.enter("g", GUEST);
        f.leave("g", ALICE);
        f.scheduler.advance(Duration.ofSeconds(61));
        assertThat(f.affiliations()).as("the guest is never made owner").containsExactly("alice@coop.test member g");

        assertThat(grant(f.enter("g", BOB))).isEqualTo("owner/moderator");
    }

    @Test
    void anOwnerStillInTheRoomFromAnotherClientHasNotLeft() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.open("two", ALICE);
        f.enter("two", BOB);
        // The phone joins under another nick: a second seat of the same member.
        f.enter("two", ALICE_PHONE, "alice-phone");
        f.leave("two", ALICE);
        f.scheduler.advance(Duration.ofMinutes(2));
        assertThat(f.affiliations()).isEmpty();
    }

    @Test
    void aRoomOpenedAfterItsOwnerLeftAndItWasDestroyedStartsAfresh() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.open("d", ALICE);
        f.leave("d", ALICE);
        f.destroyed("d");
        assertThat(grant(f.open("d", BOB))).isEqualTo("owner/moderator");
        f.scheduler.advance(Duration.ofMinutes(2));
        assertThat(f.affiliations()).as("no hand-over left over from alice").isEmpty();
    }

    @Test
    void aSyncRestoresTheOwnerProsodyKnows() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.module.onLinkUp(); // Warden reconnected: Prosody's rooms are the truth
        f.answerSync("<room jid='s@" + RulesFixture.HOST + "'>"
                + "<occupant jid='" + BOB + "' nick='s@" + RulesFixture.HOST + "/bob' affiliation='member'/>"
                + "<occupant jid='" + ALICE + "' nick='s@" + RulesFixture.HOST + "/alice' affiliation='owner'/>"
                + "</room>");
        assertThat(grant(f.enter("s", CAROL))).isEqualTo("member/participant");
        f.leave("s", ALICE);
        f.scheduler.advance(Duration.ofSeconds(60));
        assertThat(f.affiliations()).containsExactly("bob@coop.test owner s", "alice@coop.test member s");
    }

    @Test
    void aSyncWithoutAnOwnerPresentHandsTheRoomToAMemberAfterTheGrace() throws Exception {
        start("warden.rules.default = first-member-owns");
        f.module.onLinkUp();
        f.answerSync("<room jid='u@" + RulesFixture.HOST + "'>"
                + "<occupant jid='" + GUEST + "' nick='u@" + RulesFixture.HOST + "/guest' affiliation='none'/>"
                + "<occupant jid='" + BOB + "' nick='u@" + RulesFixture.HOST + "/bob' affiliation='member'/>"
                + "</room>");
        f.scheduler.advance(Duration.ofSeconds(60));
        assertThat(f.affiliations()).containsExactly("bob@coop.test owner u");
    }

    @Test
    void listingAModeratorDuringAMeetingTakesEffectAtOnce() throws Exception {
        start("");
        JID room = new JID("live@" + RulesFixture.HOST);
        rules("live", RuleSet.LISTED);
        f.module.rulesAdmin().setModerators(room, Set.of(new JID("alice@coop.test")), ACTOR);
        f.open("live", ALICE);
        f.enter("live", BOB);
        f.enter("live", GUEST);

        f.module.rulesAdmin().setModerators(room, Set.of(new JID("bob@coop.test")), ACTOR);

        assertThat(f.affiliations()).containsExactlyInAnyOrder("bob@coop.test owner live", "alice@coop.test member live");
    }

    @Test
    void switchingARoomToFirstMemberOwnsMakesTheMemberPresentLongestItsOwner() throws Exception {
        start("");
        f.open("sw", ALICE);
        f.enter("sw", BOB);
        rules("sw", RuleSet.FIRST_MEMBER_OWNS);
        assertThat(f.affiliations()).containsExactly("bob@coop.test member sw");
        assertThat(grant(f.enter("sw", CAROL))).isEqualTo("member/participant");
    }
}
