package dev.vc.bench.faults;

import dev.vc.bench.BenchConfig;
import dev.vc.capture.CaptureSettings;
import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.bench.faults.impair.ImpairingProxy;
import dev.vc.bench.faults.impair.Impairment;
import dev.vc.bench.faults.impair.ImpairmentCounts;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One {@link FaultBench} scenario: a relay on 127.0.0.1, an {@link ImpairingProxy} with a link per participant,
 * and the participants (synthetic camera, headless renderer) sending their media through their links. The links
 * pass everything untouched during the warm-up, then impair for the measured window; the result compares
 * everyone's counters at the two ends of the window.
 */
final class FaultRun {
    private final FaultBenchOptions options;

    FaultRun(FaultBenchOptions options) {
        this.options = options;
    }

    /**
     * @param scenario an impairment spec
     * @return its figures
     * @throws IOException          if the proxy's sockets cannot be opened
     * @throws InterruptedException if interrupted while running
     */
    FaultResult run(String scenario) throws IOException, InterruptedException {
        Impairment impairment = Impairment.parse(scenario);
        Impairment up = options.links().up() ? impairment : Impairment.NONE;
        Impairment down = options.links().down() ? impairment : Impairment.NONE;
        Config config = BenchConfig.synthetic(options.codec(), 640, 480, 30);
        RelaySettings settings = RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .maxParticipantsPerRoom(Math.max(10, options.participants())).build();
        try (RelayServer relay = RelayServer.start(settings);
             ImpairingProxy proxy = new ImpairingProxy(relay.mediaAddress())) {
            List<ImpairingProxy.Link> links = new ArrayList<>();
            for (int i = 0; i < options.participants(); i++) {
                links.add(proxy.addLink(up, down, options.seed() + i));
            }
            proxy.start();
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            List<Participant> room = new ArrayList<>();
            try {
                for (int i = 0; i < options.participants(); i++) {
                    room.add(Participant.builder().config(config).name("p" + (i + 1)).room("faults")
                            .set(CaptureSettings.SEED, i + 1).relay(control)
                            .set(CoreSettings.RELAY_FINGERPRINT.key(), relay.certificateFingerprint())
                            .mediaRelay(links.get(i).address()).build());
                }
                room.forEach(Participant::start);
                Thread.sleep(options.warmup() * 1000L);
                return measure(scenario, impairment.lossPercent(), room, proxy, links);
            } finally {
                room.forEach(Participant::close);
            }
        }
    }

    private FaultResult measure(String scenario, double lossPercent, List<Participant> room, ImpairingProxy proxy,
                                List<ImpairingProxy.Link> links) throws InterruptedException {
        List<ParticipantStats> before = room.stream().map(Participant::stats).toList();
        room.forEach(Participant::drainIntervalLatency);
        long start = System.nanoTime();
        proxy.impairing(true);
        Thread.sleep(options.seconds() * 1000L);
        List<ParticipantStats> after = room.stream().map(Participant::stats).toList();
        List<LatencyStats> latency = room.stream().map(Participant::drainIntervalLatency).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        proxy.impairing(false);
        return FaultResult.between(scenario, lossPercent, seconds, before, after, latency,
                total(links, ImpairingProxy.Link::up), total(links, ImpairingProxy.Link::down));
    }

    private static ImpairmentCounts total(List<ImpairingProxy.Link> links,
                                          Function<ImpairingProxy.Link, ImpairmentCounts> direction) {
        ImpairmentCounts sum = ImpairmentCounts.ZERO;
        for (ImpairingProxy.Link link : links) {
            sum = sum.plus(direction.apply(link));
        }
        return sum;
    }
}
