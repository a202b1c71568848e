package dev.vc.relay;

import java.util.Collection;

/**
 * Members by SSRC, immutable: open addressing with linear probing over an array at least twice the members, so a
 * lookup on the media thread allocates nothing (no boxed key) and needs no lock; a change builds a new index, which
 * the owner publishes through a volatile field.
 */
final class SsrcIndex {
    /** No member. */
    static final SsrcIndex EMPTY = new SsrcIndex(java.util.List.of());

    private final int[] ssrcs;
    private final Member[] members;
    private final int mask;
    private final int size;

    /** @param of the members to index by their SSRC */
    SsrcIndex(Collection<Member> of) {
        int capacity = Integer.highestOneBit(Math.max(2, of.size()) * 2 - 1) << 1;
        ssrcs = new int[capacity];
        members = new Member[capacity];
        mask = capacity - 1;
        for (Member m : of) {
            int i = slot(m.ssrc);
            while (members[i] != null) {
                i = (i + 1) & mask;
            }
            ssrcs[i] = m.ssrc;
            members[i] = m;
        }
        size = of.size();
    }

    /** @return the member with {@code ssrc}, or null */
    Member get(int ssrc) {
        for (int i = slot(ssrc); members[i] != null; i = (i + 1) & mask) {
            if (ssrcs[i] == ssrc) {
                return members[i];
            }
        }
        return null;
    }

    /** @return the members indexed */
    int size() {
        return size;
    }

    private int slot(int ssrc) {
        return (ssrc * 0x9E3779B9 >>> 16) & mask;
    }
}
