package dev.vc.bench.relayload;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.RelayTrust;
import dev.vc.bench.RelayJoin;
import dev.vc.bench.RelayThreads;
import dev.vc.relay.DropReason;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelayStats;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The relay as {@link RelayLoad}'s target: one started in this process, or another reached at its control address.
 * Every participant joins over the control channel and proves its socket ({@link RelayJoin}).
 */
final class RelayTarget implements LoadTarget {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final RelayServer relay;
    private final InetSocketAddress control;
    private final RelayTrust trust;
    private InetSocketAddress media;

    /**
     * @param relay   the relay in this process, or null for another one
     * @param control the relay's control address
     * @param trust   how the relay is verified
     */
    RelayTarget(RelayServer relay, InetSocketAddress control, RelayTrust trust) {
        this.relay = relay;
        this.control = control;
        this.trust = trust;
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
            ControlClient client = RelayJoin.join(control, trust, new Join("load-" + p.room, p.name(), "",
                    Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG)), p.channel, JOIN_TIMEOUT);
            open.add(client);
            media = (InetSocketAddress) p.channel.getRemoteAddress();
            p.ssrc(client.session().ssrc());
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
        if (relay != null) {
            relay.close();
        }
    }
}
