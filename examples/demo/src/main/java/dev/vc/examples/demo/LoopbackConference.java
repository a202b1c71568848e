package dev.vc.examples.demo;

import dev.vc.capture.CaptureSettings;
import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole conference in this process: a relay on 127.0.0.1 (ephemeral ports) and N participants joined to one
 * room of it. Participant {@code i} (1..N) is named {@code p<i>} and its source is seeded with {@code i}, so
 * the synthetic cameras differ. The setup {@link Demo} and the benchmarks' {@code ConferenceBench} share.
 *
 * <pre>
 * try (LoopbackConference conference = LoopbackConference.open(config, 3)) {
 *     conference.start();
 *     ... conference.participants().get(0).stats() ...
 * }
 * </pre>
 */
public final class LoopbackConference implements AutoCloseable {
    private static final String ROOM = "demo";

    private final RelayServer relay;
    private final List<Participant> participants;

    private LoopbackConference(RelayServer relay, List<Participant> participants) {
        this.relay = relay;
        this.participants = participants;
    }

    /**
     * Starts the relay and joins every participant (each opens its source, codec and transport), not yet sending.
     *
     * @param config       the participants' configuration ({@code vc.codec}, {@code vc.source}, ...)
     * @param participants how many join, 2..
     * @return the conference; on failure everything opened so far is closed again
     * @throws dev.vc.api.VcException if the relay cannot start or a participant cannot join or open a provider
     */
    public static LoopbackConference open(Config config, int participants) {
        RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .maxParticipantsPerRoom(Math.max(10, participants)).build());
        List<Participant> room = new ArrayList<>();
        try {
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            for (int i = 1; i <= participants; i++) {
                room.add(Participant.builder().config(config).name("p" + i).room(ROOM)
                        .set(CaptureSettings.SEED, i).relay(control)
                        .set(CoreSettings.RELAY_FINGERPRINT.key(), relay.certificateFingerprint()).build());
            }
            return new LoopbackConference(relay, List.copyOf(room));
        } catch (RuntimeException e) {
            room.forEach(Participant::close);
            relay.close();
            throw e;
        }
    }

    /** Every participant starts capturing, sending and receiving. */
    public void start() {
        participants.forEach(Participant::start);
    }

    /** @return the participants, {@code p1} first */
    public List<Participant> participants() {
        return participants;
    }

    /** @return the relay */
    public RelayServer relay() {
        return relay;
    }

    /** The participants leave, then the relay stops. */
    @Override
    public void close() {
        participants.forEach(Participant::close);
        relay.close();
    }
}
