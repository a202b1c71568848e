package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One sender's streams as its bound room-mates receive them: a {@link ForwardedStream} per receiver, made when the
 * receiver or the sender binds (never per packet) and dropped once the receiver is no longer in the room, so it
 * holds at most a room's worth. Each starts at layer 0. Media thread only; {@link #stream} allocates nothing.
 */
final class Fanout {
    /** Forwarded packets each stream remembers to translate NACKs: as many as a layer's retransmission cache. */
    static final int HISTORY_PACKETS = MediaRouter.CACHE_PACKETS;

    private final Map<Member, ForwardedStream> streams = new IdentityHashMap<>();
    /** The room's {@link Room#version()} when the streams were last matched to it. */
    private int roomVersion = -1;

    /** @return the stream {@code receiver} gets, or null if it has none (not bound, or not a room-mate) */
    ForwardedStream stream(Member receiver) {
        return streams.get(receiver);
    }

    /**
     * Gives {@code receiver} a stream of {@code sender} if it has none: SSRC {@code sender}'s layer 0, target layer 0.
     *
     * A send-only receiver (an ingress's participant) gets none; nor does another relay's participant (its relay
     * forwards to it), nor a trunk of a stream that came over a trunk (no stream crosses two trunks: the room's relays
     * are a full mesh, so there is no loop); and a trunk sends no stream of its own.
     *
     * @return true if one was made
     */
    boolean add(Member sender, Member receiver) {
        if (receiver.sendOnly || receiver.via != null || sender.trunk != null
                || (receiver.trunk != null && sender.via != null) || streams.containsKey(receiver)) {
            return false;
        }
        ForwardedStream stream = new ForwardedStream(sender.ssrc, HISTORY_PACKETS);
        stream.target(0);
        streams.put(receiver, stream);
        return true;
    }

    /** @return true if the room changed since {@link #retain} last ran */
    boolean stale(Room room) {
        return roomVersion != room.version();
    }

    /** Drops the streams of receivers no longer in {@code room}, as of its current snapshot. */
    void retain(Room room) {
        roomVersion = room.version();
        Member[] members = room.snapshot();
        streams.keySet().removeIf(receiver -> !contains(members, receiver));
    }

    /** @return the streams held */
    int size() {
        return streams.size();
    }

    /**
     * The layers the sender's receivers get or await: a bit per layer. With no receiver at all (alone in its
     * room, or nobody else bound yet) layer 0 stays wanted: a newcomer's stream starts at layer 0, so it gets a
     * picture as soon as the keyframe asked for at its binding arrives, with no round trip to resume a layer
     * first; and the sender's uplink estimate, staleness and binding stay fed. When receivers exist but none
     * shows the sender, nothing is wanted.
     *
     * @param room the sender's room
     * @param sender whose layers
     */
    int wantedMask(Room room, Member sender) {
        int mask = 0;
        boolean anyReceiver = false;
        for (Member receiver : room.snapshot()) {
            ForwardedStream stream = receiver == sender ? null : streams.get(receiver);
            if (stream != null) {
                anyReceiver = true;
                mask |= bit(stream.target()) | bit(stream.current());
            }
        }
        return anyReceiver ? mask : 1;
    }

    private static int bit(int layer) {
        return layer == ForwardedStream.NO_LAYER ? 0 : 1 << layer;
    }

    private static boolean contains(Member[] members, Member member) {
        for (Member m : members) {
            if (m == member) {
                return true;
            }
        }
        return false;
    }
}
