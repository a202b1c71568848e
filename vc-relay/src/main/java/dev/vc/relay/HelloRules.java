package dev.vc.relay;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Whether a hello whose HMAC checked out may bind its source address, decided from the members' bindings and
 * nothing else (no socket, no clock of its own). Media thread only.
 *
 * <ol>
 *   <li>A hello never takes an address from another member whose binding is alive: something of that member's
 *       (media, RTCP or a hello) came from it within {@link #BINDING_ALIVE_NANOS}. A LAN host that signs a hello
 *       with its own session key and spoofs a victim's source address is refused ({@link DropReason#ADDRESS_IN_USE}).
 *       An address whose holder went silent is free again (a NAT may hand the same port to someone else).</li>
 *   <li>A hello from the member's own bound address, or from a new address while the member's binding is alive,
 *       must carry a counter above the last one accepted for that binding and at most
 *       {@link #COUNTER_WINDOW} above it ({@link DropReason#BAD_HELLO}): a captured hello cannot be replayed, and
 *       a hello with counter 2^63-1 cannot push the counter out of the member's reach.</li>
 *   <li>A hello from a new address when the member's binding is dead (or it has none yet) starts a fresh binding
 *       with any counter: the counter is per binding. So whatever counter anyone forced on a binding, the member's
 *       own hellos work again from its next address, or after its binding went quiet.</li>
 *   <li>A member's binding moves to a new address at most once per {@link #REBIND_INTERVAL_NANOS}
 *       ({@link DropReason#REBIND_LIMITED}): a NAT rebinds rarely, and each move reopens the member's socket and
 *       asks the room for keyframes, so a member cycling through addresses must not make the relay churn.</li>
 * </ol>
 * A rebinding moves only the hello's own member; the member it names is the one whose key signed it.
 */
final class HelloRules {
    /** How long a binding counts as alive after the last datagram accepted from it. */
    static final long BINDING_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How far above the last accepted counter a hello may jump (clients count up by one per hello). */
    static final long COUNTER_WINDOW = 1L << 20;
    /** Least time between two moves of one member's binding. */
    static final long REBIND_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private HelloRules() {
    }

    /**
     * @param member  the member the hello names (its HMAC verified with that member's key)
     * @param holder  the member currently bound to {@code from}, or null
     * @param from    the hello's source address
     * @param counter the hello's counter
     * @param now     arrival time, {@link System#nanoTime()}
     * @return null if the hello may bind {@code from} to {@code member}, else why it is dropped
     */
    static DropReason check(Member member, Member holder, InetSocketAddress from, long counter, long now) {
        if (counter < 0) {
            return DropReason.BAD_HELLO;
        }
        if (holder != null && holder != member && alive(holder, now)) {
            return DropReason.ADDRESS_IN_USE;
        }
        boolean sameAddress = from.equals(member.mediaAddress);
        if (!sameAddress && member.mediaAddress != null && now - member.lastRebindNanos < REBIND_INTERVAL_NANOS) {
            return DropReason.REBIND_LIMITED;
        }
        if (sameAddress || alive(member, now)) {
            long last = member.lastHelloCounter;
            if (counter <= last || counter - last > COUNTER_WINDOW) {
                return DropReason.BAD_HELLO;
            }
        }
        return null;
    }

    /** @return true if something of {@code member}'s came from its bound address recently */
    static boolean alive(Member member, long now) {
        return member.mediaAddress != null && now - member.lastSeenNanos < BINDING_ALIVE_NANOS;
    }
}
