package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpReader;

import java.net.InetSocketAddress;

/**
 * The router's output where trunks are concerned ({@link TrunkLink}). What the relay sends another relay's participant
 * (a remote member, {@link Member#via}) is feedback about that participant's stream: PLIs, NACKs, bit rate requests,
 * from this relay's receivers or from the relay itself; it goes over the trunk to the participant's relay, its RTCP
 * sender SSRC made the trunk's own, so the other relay takes it as feedback from the trunk, the receiver it forwards
 * the stream to, and handles it as for any receiver of its own. Anything else for a remote member (reports and
 * descriptions of this relay's senders, which reach the other relay over the trunk already) is dropped and counted
 * ({@link DropReason#NOT_SENT_TO_REMOTE}). RTCP the relay itself sends the trunk (transport-cc feedback about the
 * trunk's hop) carries the trunk's SSRC too. Everything else passes unchanged. Media thread only; allocates nothing.
 */
final class TrunkOutput implements MediaRouter.Output {
    private static final int RTPFB = 205;
    private static final int PSFB = 206;

    private final MediaRouter.Output next;
    private final byte[] rewritten;

    /**
     * @param next where datagrams go next
     * @param mtu  the largest datagram the router hands on
     */
    TrunkOutput(MediaRouter.Output next, int mtu) {
        this.next = next;
        this.rewritten = new byte[mtu];
    }

    @Override
    public void send(byte[] data, int length, InetSocketAddress to, Member receiver) {
        Member trunk = receiver.via;
        if (trunk == null) {
            if (receiver.trunk != null && RtcpReader.isRtcp(data, 0, length) && length >= 8
                    && readInt(data, 4) == MediaRouter.RELAY_SSRC) {
                next.send(asTrunk(data, length, receiver), length, to, receiver);
            } else {
                next.send(data, length, to, receiver);
            }
            return;
        }
        int type = length >= 2 ? data[1] & 0xFF : 0;
        InetSocketAddress hop = trunk.mediaAddress;
        if (!RtcpReader.isRtcp(data, 0, length) || length < 8 || (type != RTPFB && type != PSFB) || hop == null) {
            receiver.drops.add(DropReason.NOT_SENT_TO_REMOTE);
            return;
        }
        next.send(asTrunk(data, length, trunk), length, hop, trunk);
    }

    /** @return a copy of the RTCP packet whose (first) sender SSRC is {@code trunk}'s */
    private byte[] asTrunk(byte[] data, int length, Member trunk) {
        System.arraycopy(data, 0, rewritten, 0, length);
        int ssrc = trunk.ssrc;
        rewritten[4] = (byte) (ssrc >>> 24);
        rewritten[5] = (byte) (ssrc >>> 16);
        rewritten[6] = (byte) (ssrc >>> 8);
        rewritten[7] = (byte) ssrc;
        return rewritten;
    }

    private static int readInt(byte[] data, int at) {
        return (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | (data[at + 3] & 0xFF);
    }
}
