package dev.vc.relay;

import java.net.InetSocketAddress;

/**
 * The router's output as a send-only member sees it: an ingress's participant ({@link Member#sendOnly}) is a plain
 * RTP sender that reads nothing the relay could send it (PLIs and NACKs from its receivers, the relay's own keyframe
 * requests, reports, bit rate caps), so none of it is sent; each is counted on it as
 * {@link DropReason#NOT_SENT_TO_INGRESS}. It receives no media either: it has no stream of anyone ({@link Fanout#add}).
 * Everything else passes to the next output unchanged. Media thread only; allocates nothing.
 */
final class SendOnlyGuard implements MediaRouter.Output {
    private final MediaRouter.Output next;

    /** @param next where datagrams to ordinary members go */
    SendOnlyGuard(MediaRouter.Output next) {
        this.next = next;
    }

    @Override
    public void send(byte[] data, int length, InetSocketAddress to, Member receiver) {
        if (receiver.sendOnly) {
            receiver.drops.add(DropReason.NOT_SENT_TO_INGRESS);
        } else {
            next.send(data, length, to, receiver);
        }
    }
}
