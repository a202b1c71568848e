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

    Room(String name) {
        this.name = name;
    }

    void add(Member member) {
        members.add(member);
        snapshot = members.toArray(new Member[0]);
    }

    void remove(Member member) {
        members.remove(member);
        snapshot = members.toArray(new Member[0]);
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
