package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may come back as whom: issues each member a resume token at its join and, when the member drops out (its
 * connection lost or timed out, not a {@code LEAVE}), keeps its identity (participant id, room, codec, SSRCs)
 * for the grace period, so that a client reconnecting with the token resumes as the same participant. A token
 * names its participant id and carries 16 random bytes, compared in constant time; it is never logged.
 *
 * <p>Bounded: one entry per member, plus at most {@link #MAX_GRACED} members that dropped out (the oldest
 * forgotten first, and each after the grace period). Control thread only.
 */
final class ResumeTable {
    /** Most identities of members that dropped out kept at once. */
    static final int MAX_GRACED = 1_024;
    private static final int SECRET_BYTES = ControlMessage.RESUME_TOKEN_BYTES - Integer.BYTES;

    /**
     * The identity a token resumes.
     *
     * @param id         participant id
     * @param room       room name
     * @param codec      the codec it sends
     * @param layerSsrcs its SSRCs, layer 0 first
     */
    record Identity(int id, String room, VideoCodec codec, int[] layerSsrcs) {
    }

    private record Entry(byte[] secret, Identity identity, long leftNanos) {
    }

    private final long graceNanos;
    private final SecureRandom random;
    private final Map<Integer, Entry> live = new HashMap<>();
    private final LinkedHashMap<Integer, Entry> graced = new LinkedHashMap<>();
    private long resumed;

    ResumeTable(long graceNanos, SecureRandom random) {
        this.graceNanos = graceNanos;
        this.random = random;
    }

    /** @return a new token for {@code member}, replacing any it had */
    byte[] issue(Member member) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        live.put(member.id, new Entry(secret, new Identity(member.id, member.room.name, member.codec,
                member.layerSsrcs().clone()), -1));
        return ByteBuffer.allocate(ControlMessage.RESUME_TOKEN_BYTES).putInt(member.id).put(secret).array();
    }

    /**
     * A member left: after a {@code LEAVE} its identity is forgotten, otherwise kept for the grace period.
     *
     * @param member   who
     * @param said     true when it said {@code LEAVE}
     * @param nowNanos now
     */
    void left(Member member, boolean said, long nowNanos) {
        Entry entry = live.remove(member.id);
        if (entry == null || said || graceNanos == 0) {
            return;
        }
        expire(nowNanos);
        graced.put(member.id, new Entry(entry.secret, entry.identity, nowNanos));
        if (graced.size() > MAX_GRACED) {
            Iterator<Integer> eldest = graced.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /**
     * Looks a token up for a join: it resumes the identity it was issued for if that member is still present or
     * dropped out less than the grace period ago, and the join is to the same room with the same codec and as
     * many layers. A claimed identity leaves the grace table (a live one stays until its member leaves).
     *
     * @param token    the client's token, or null
     * @param room     the join's room
     * @param codec    the codec the join sends
     * @param layers   how many layers the join names
     * @param nowNanos now
     * @return the identity to resume, or null for a plain join
     */
    Identity claim(byte[] token, String room, VideoCodec codec, int layers, long nowNanos) {
        if (token == null || token.length != ControlMessage.RESUME_TOKEN_BYTES) {
            return null;
        }
        expire(nowNanos);
        int id = ByteBuffer.wrap(token).getInt();
        Entry entry = live.get(id);
        if (entry == null) {
            entry = graced.get(id);
        }
        if (entry == null || !MessageDigest.isEqual(entry.secret, Arrays.copyOfRange(token, Integer.BYTES, token.length))) {
            return null;
        }
        Identity identity = entry.identity;
        if (!identity.room().equals(room) || identity.codec() != codec || identity.layerSsrcs().length != layers) {
            return null;
        }
        graced.remove(id);
        resumed++;
        return identity;
    }

    /** @return joins that resumed an identity so far */
    long resumed() {
        return resumed;
    }

    /** @return identities kept for members that dropped out */
    int gracedCount() {
        return graced.size();
    }

    private void expire(long nowNanos) {
        Iterator<Entry> oldest = graced.values().iterator();
        while (oldest.hasNext()) {
            if (nowNanos - oldest.next().leftNanos < graceNanos) {
                return;   // insertion order is departure order
            }
            oldest.remove();
        }
    }
}
