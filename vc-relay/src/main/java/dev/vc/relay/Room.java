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

    void add(Member member) {
        members.add(member);
        snapshot = members.toArray(new Member[0]);
        version++;
    }

    void remove(Member member) {
        members.remove(member);
        snapshot = members.toArray(new Member[0]);
        version++;
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
