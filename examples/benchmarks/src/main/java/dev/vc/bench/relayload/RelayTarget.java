package dev.vc.bench.relayload;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.RelayTrust;
import dev.vc.bench.MediaMode;
import dev.vc.bench.RelayJoin;
import dev.vc.bench.RelayThreads;
import dev.vc.bench.SrtpRelayJoin;
import dev.vc.bench.SrtpRelayJoin.SrtpSession;
import dev.vc.relay.DropReason;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelayStats;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The relay as {@link RelayLoad}'s target: one started in this process, or another reached at its control address.
 * Every participant joins over the control channel and proves its socket ({@link RelayJoin}); with SRTP media it
 * also runs the DTLS-SRTP handshake with the relay ({@link SrtpRelayJoin}), one participant after the other, and
 * the first participant becomes the run's checking receiver.
 */
final class RelayTarget implements LoadTarget {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final RelayServer relay;
    private final InetSocketAddress control;
    private final RelayTrust trust;
    private final MediaMode mode;
    /** Runs the participants' handshakes; null for plain media. */
    private final DtlsHandshaker handshaker;
    private InetSocketAddress media;

    /**
     * @param relay   the relay in this process, or null for another one
     * @param control the relay's control address
     * @param trust   how the relay is verified
     * @param mode    how the participants carry media; the relay must be set up for it
     */
    RelayTarget(RelayServer relay, InetSocketAddress control, RelayTrust trust, MediaMode mode) {
        this.relay = relay;
        this.control = control;
        this.trust = trust;
        this.mode = mode;
        this.handshaker = mode.secure() ? new DtlsHandshaker(DtlsLimits.DEFAULTS) : null;
    }

    @Override
    public String name() {
        return relay == null ? "external relay" : "relay";
    }

    @Override
    public boolean inProcessRelay() {
        return relay != null;
    }

    @Override
    public InetSocketAddress mediaAddress() {
        return media;
    }

    @Override
    public void connect(List<LoadParticipant> everyone, List<AutoCloseable> open) throws IOException {
        for (LoadParticipant p : everyone) {
            Join join = new Join("load-" + p.room, p.name(), "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG));
            if (mode.secure()) {
                SrtpSession session = SrtpRelayJoin.join(control, trust, join, mode.profile(), handshaker, p.channel,
                        JOIN_TIMEOUT);
                open.add(session);
                p.keyed(session.control().session().ssrc(), session.sending(),
                        p == everyone.get(0) ? session.receiving() : null);
            } else {
                ControlClient client = RelayJoin.join(control, trust, join, p.channel, JOIN_TIMEOUT);
                open.add(client);
                p.ssrc(client.session().ssrc());
            }
            media = (InetSocketAddress) p.channel.getRemoteAddress();
        }
    }

    @Override
    public long accepted() {
        return relay == null ? -1 : relay.stats().packetsIn();
    }

    @Override
    public long forwarded() {
        return relay == null ? -1 : relay.stats().packetsOut();
    }

    @Override
    public String threadPrefix() {
        return relay == null ? null : RelayThreads.PREFIX;
    }

    @Override
    public String forwardingThread() {
        return relay == null ? null : RelayThreads.MEDIA;
    }

    @Override
    public void printDrops(PrintStream out) {
        if (relay == null) {
            return;
        }
        RelayStats stats = relay.stats();
        StringBuilder drops = new StringBuilder();
        for (DropReason reason : DropReason.values()) {
            long n = stats.dropped(reason);
            if (n > 0) {
                drops.append(' ').append(reason.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
            }
        }
        out.println("relay drops since start:" + (drops.length() == 0 ? " none" : drops));
    }

    @Override
    public void close() {
        if (handshaker != null) {
            handshaker.close();
        }
        if (relay != null) {
            relay.close();
        }
    }
}
