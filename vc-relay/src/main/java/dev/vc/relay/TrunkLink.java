package dev.vc.relay;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One trunk of a room: the hop to another relay that serves the room too, as the trunk's {@link Member} on this
 * relay holds it. The trunk member receives one stream of each of this relay's own participants (the fanout gives
 * it one, as to any receiver) and carries, from the other relay, one stream of each of that relay's own participants,
 * each a <em>remote</em> member here ({@link Member#via}) that this relay's receivers get like any room-mate. The
 * remote members are keyed by the other relay's participant id (control thread) and by their SSRC (media thread,
 * which demultiplexes what the trunk carries). Counters for {@code /metrics}.
 */
final class TrunkLink {
    /** The other relay's id, for logs and metrics. */
    final String peer;
    /** Whether this relay opened the trunk (it is the DTLS client) or accepted it. */
    final boolean opened;
    private final Map<Integer, Member> byRemoteId = new HashMap<>();              // control thread
    /** The remote members by SSRC, rebuilt by the control thread on each change, read by the media thread. */
    private volatile SsrcIndex bySsrc = SsrcIndex.EMPTY;
    /** RTP and RTCP packets that came over the trunk and were routed (its remote members' and its own). */
    final LongAdder packetsIn = new LongAdder();
    /** Their bytes. */
    final LongAdder bytesIn = new LongAdder();
    /** Announcements from the other relay that were refused: a duplicate id, an SSRC taken here, the room full. */
    final LongAdder announcementsRefused = new LongAdder();
    /** What this relay's receivers' views of the remote members were told to the other relay (control thread). */
    final TrunkViewSizes views = new TrunkViewSizes();

    TrunkLink(String peer, boolean opened) {
        this.peer = peer;
        this.opened = opened;
    }

    /** Control thread: records a remote member under the other relay's participant id. */
    void add(int remoteId, Member remote) {
        byRemoteId.put(remoteId, remote);
        bySsrc = new SsrcIndex(byRemoteId.values());
    }

    /** Control thread: @return the remote member the other relay knows as {@code remoteId}, removed, or null */
    Member remove(int remoteId) {
        Member remote = byRemoteId.remove(remoteId);
        if (remote != null) {
            bySsrc = new SsrcIndex(byRemoteId.values());
        }
        return remote;
    }

    /** Control thread: @return the remote members by the other relay's participant ids, unmodifiable */
    Map<Integer, Member> remotes() {
        return java.util.Collections.unmodifiableMap(byRemoteId);
    }

    /** Control thread: @return true when the other relay announced {@code remoteId} already */
    boolean knows(int remoteId) {
        return byRemoteId.containsKey(remoteId);
    }

    /** Control thread: forgets every remote member, for their removal as the trunk goes. @return them */
    Member[] removeAll() {
        Member[] all = byRemoteId.values().toArray(new Member[0]);
        byRemoteId.clear();
        bySsrc = SsrcIndex.EMPTY;
        return all;
    }

    /** Any thread: @return the remote members carried now */
    int streams() {
        return bySsrc.size();
    }

    /**
     * Media thread: the remote member whose stream (or its RTX stream) has {@code ssrc}, or null.
     *
     * @param ssrc an SSRC on the trunk
     */
    Member bySsrc(int ssrc) {
        SsrcIndex index = bySsrc;
        Member remote = index.get(ssrc);
        return remote != null ? remote : index.get(dev.vc.api.RtxSsrc.mediaOf(ssrc));
    }
}
