package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks on the media hello, without sockets: a member (or a LAN host with a sniffed key) trying to take
 * another member's address, or to lock a member out with its hello counter. Each asserts what the victims
 * still receive and that every refused hello is counted under a reason.
 */
class HelloAttacksTest {
    private static final long MS = 1_000_000L;
    private RouterHarness relay;
    private Peer alice;
    private Peer bob;
    private Peer carol;
    private Peer mallory;

    @BeforeEach
    void threeVictimsAndAnAttackerInOneRoom() {
        relay = new RouterHarness();
        alice = relay.join("alice", 41_000);
        bob = relay.join("bob", 41_001);
        carol = relay.join("carol", 41_002);
        mallory = relay.join("mallory", 41_003);
        relay.deliveries.clear();
    }

    /** Each victim sends a packet; each other victim must get it. */
    private void assertVictimsStillReachEachOther() {
        relay.deliveries.clear();
        relay.now += 20 * MS;
        relay.rtp(alice, 1, 100);
        relay.rtp(bob, 1, 100);
        relay.rtp(carol, 1, 100);
        for (Peer sender : new Peer[] {alice, bob, carol}) {
            for (Peer receiver : new Peer[] {alice, bob, carol}) {
                if (sender != receiver) {
                    assertEquals(1, relay.rtpDelivered(sender, receiver), sender.member + " -> " + receiver.member);
                }
            }
        }
    }

    @Test
    void shouldRefuseAHelloSignedWithTheAttackersOwnKeyFromAVictimsSpoofedAddress() {
        relay.now = 100 * MS;
        relay.rtp(bob, 0, 100);  // bob's binding is alive
        relay.deliveries.clear();
        relay.hello(mallory, ++mallory.counter, bob.member.mediaAddress);
        assertEquals(RouterHarness.address(41_001), bob.member.mediaAddress, "bob keeps his address");
        assertEquals(RouterHarness.address(41_003), mallory.member.mediaAddress, "mallory did not move");
        assertEquals(0, relay.deliveries.size(), "no answer goes to bob's address");
        assertEquals(1, mallory.member.drops.get(DropReason.ADDRESS_IN_USE));
        assertVictimsStillReachEachOther();
    }

    @Test
    void shouldLetAnAddressGoToAnotherMemberOnceItsHolderWentSilent() {
        relay.now = HelloRules.BINDING_ALIVE_NANOS + 1;  // nobody sent anything since binding at 0
        relay.hello(mallory, ++mallory.counter, bob.member.mediaAddress);
        assertEquals(mallory.member, relay.directory.byAddress(RouterHarness.address(41_001)),
                "a NAT may reuse a silent member's port: the address is free");
    }

    @Test
    void shouldRefuseAMaxCounterHelloAndKeepAcceptingTheMembersOwnHellos() {
        relay.now = 100 * MS;
        relay.rtp(alice, 0, 100);
        // Someone who read alice's session key off the wire signs hellos as alice with the largest counter.
        relay.hello(alice, Long.MAX_VALUE, alice.member.mediaAddress);
        relay.hello(alice, Long.MAX_VALUE, RouterHarness.address(45_000));
        relay.hello(alice, alice.counter + HelloRules.COUNTER_WINDOW + 1, RouterHarness.address(45_000));
        assertEquals(3, relay.router.unattributedDrops().get(DropReason.BAD_HELLO)
                + alice.member.drops.get(DropReason.BAD_HELLO));
        assertEquals(RouterHarness.address(41_000), alice.member.mediaAddress);
        relay.deliveries.clear();
        relay.hello(alice, ++alice.counter, alice.member.mediaAddress);
        assertEquals(1, relay.deliveries.size(), "alice's own next hello is answered");
        assertVictimsStillReachEachOther();
    }

    @Test
    void shouldRestartTheCounterWithAFreshBindingAfterTheOldOneWentQuiet() {
        // A key holder pushed alice's counter as far as the window allows, from alice's own address.
        relay.hello(alice, alice.counter + HelloRules.COUNTER_WINDOW, alice.member.mediaAddress);
        relay.now = HelloRules.BINDING_ALIVE_NANOS + 1;
        // Alice's NAT rebinds: her next hello, with her own small counter, binds the new address.
        InetSocketAddress moved = RouterHarness.address(46_000);
        relay.hello(alice, ++alice.counter, moved);
        assertEquals(moved, alice.member.mediaAddress);
    }

    @Test
    void shouldFollowAnHonestRebindingAtOnceWhileTheOldBindingIsAlive() {
        relay.now = 100 * MS;
        relay.rtp(alice, 0, 100);
        InetSocketAddress moved = RouterHarness.address(46_000);
        relay.hello(alice, ++alice.counter, moved);
        assertEquals(moved, alice.member.mediaAddress, "NAT rebinding needs no wait");
        assertVictimsStillReachEachOther();
    }

    @Test
    void shouldMoveAMembersBindingAtMostOnceASecond() {
        relay.now = 100 * MS;
        InetSocketAddress first = RouterHarness.address(46_000);
        relay.hello(mallory, ++mallory.counter, first);
        for (int port = 46_001; port < 46_101; port++) {
            relay.now += MS;
            relay.hello(mallory, ++mallory.counter, RouterHarness.address(port));
        }
        assertEquals(first, mallory.member.mediaAddress, "no second move within a second");
        assertEquals(100, mallory.member.drops.get(DropReason.REBIND_LIMITED));
        relay.now += HelloRules.REBIND_INTERVAL_NANOS;
        InetSocketAddress later = RouterHarness.address(47_000);
        relay.hello(mallory, ++mallory.counter, later);
        assertEquals(later, mallory.member.mediaAddress, "a second later it may move again");
        assertVictimsStillReachEachOther();
    }

    @Test
    void shouldKeepVictimsAndTablesIntactUnderABlindHelloSprayOverAPortRange() {
        relay.now = 100 * MS;
        relay.rtp(alice, 0, 100);
        relay.rtp(bob, 0, 100);
        relay.rtp(carol, 0, 100);
        for (int port = 40_000; port < 50_000; port++) {
            relay.hello(mallory, ++mallory.counter, RouterHarness.address(port));
        }
        assertEquals(3, mallory.member.drops.get(DropReason.ADDRESS_IN_USE), "the three victims' addresses");
        assertEquals(RouterHarness.address(41_000), alice.member.mediaAddress);
        assertEquals(RouterHarness.address(41_001), bob.member.mediaAddress);
        assertEquals(RouterHarness.address(41_002), carol.member.mediaAddress);
        long bound = relay.directory.members().stream()
                .filter(m -> relay.directory.byAddress(m.mediaAddress) == m).count();
        assertEquals(4, bound, "one binding per member, whatever the spray");
        assertVictimsStillReachEachOther();
    }

    @Test
    void shouldNotAnswerAReplayedHelloFromTheSameAddress() {
        relay.deliveries.clear();
        relay.hello(alice, alice.counter, alice.member.mediaAddress);
        assertTrue(relay.deliveries.isEmpty());
        assertEquals(1, alice.member.drops.get(DropReason.BAD_HELLO));
    }
}
