package dev.vc.relay;

import java.util.ArrayList;
import java.util.List;

/**
 * A room: the members media is forwarded between. Membership changes on the control thread, which then
 * publishes an immutable array snapshot; the media thread forwards from that snapshot without locking.
 */
final class Room {
    final String name;
    private final List<Member> members = new ArrayList<>();
    private volatile Member[] snapshot = new Member[0];
    private volatile int version;
    /** When the room's receivers' layers are next chosen (media thread only, {@link LayerSelection}). */
    long nextLayerSelectionNanos = Long.MIN_VALUE / 2;

    Room(String name) {
        this.name = name;
    }

    /** This relay's own participants in it (control thread): neither trunks nor other relays' participants. */
    private int localSize;

    void add(Member member) {
        members.add(member);
        if (member.local()) {
            localSize++;
        }
        snapshot = members.toArray(new Member[0]);
        version++;
    }

    void remove(Member member) {
        if (members.remove(member) && member.local()) {
            localSize--;
        }
        snapshot = members.toArray(new Member[0]);
        version++;
    }

    /** @return this relay's own participants in the room, which its participants limit counts (control thread) */
    int localSize() {
        return localSize;
    }

    /** @return a number that changes with every join and leave, read after {@link #snapshot()} is current */
    int version() {
        return version;
    }

    /** @return the members as of the last change; never modified after publication */
    Member[] snapshot() {
        return snapshot;
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
