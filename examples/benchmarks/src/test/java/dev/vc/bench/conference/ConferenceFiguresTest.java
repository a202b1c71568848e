package dev.vc.bench.conference;

import dev.vc.api.RemoteStream;
import dev.vc.api.TransportStats;
import dev.vc.api.VideoCodec;
import dev.vc.api.session.FreezeStats;
import dev.vc.api.session.LatencyHistogram;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The window arithmetic of ConferenceBench on made-up counters; no conference. */
class ConferenceFiguresTest {
    private static final long SECOND = 1_000_000_000L;
    private static final RemoteStream FROM_P2 = RemoteStream.of(2, VideoCodec.H264);

    @Test
    void shouldTakeEveryFigureOverTheWindowOnly() {
        // p1 in a room of 3, over a 2 s window: p2's stream at 30 fps, p3's not at all.
        ParticipantStats p1Before = stats("p1", 100, 2, 90, 10_000, 20_000,
                List.of(stream(FROM_P2, 10, 1, 0)));
        ParticipantStats p1After = stats("p1", 160, 5, 147, 160_000, 320_000,
                List.of(stream(FROM_P2, 70, 3, 4)));
        ParticipantStats quiet = stats("p2", 0, 0, 0, 0, 0, List.of());
        ConferenceSnapshot before = snapshot(0, List.of(p1Before, quiet, quiet), 1 * SECOND, Map.of("p1", 1L), 1);
        ConferenceSnapshot after = snapshot(2 * SECOND, List.of(p1After, quiet, quiet), SECOND + SECOND / 2,
                Map.of("p1", 4L), 10);
        LatencyHistogram latency = new LatencyHistogram();
        latency.record(8_000_000);

        ConferenceFigures p1 = ConferenceFigures.participant(0, before, after, latency);
        assertEquals("p1", p1.who());
        assertEquals(2.0, p1.seconds(), 1e-9);
        assertEquals(28.5, p1.sentFps(), 1e-9, "57 frames encoded in 2 s");
        assertEquals(2, p1.streamsExpected());
        assertEquals(1, p1.streamsReceived());
        assertFalse(p1.complete(), "p3's stream never arrived");
        assertEquals(15.0, p1.receivedFpsMean(), 1e-9, "the missing stream counts as 0 fps");
        assertEquals(0.0, p1.receivedFpsMin(), 1e-9);
        assertEquals(600.0, p1.kbpsSent(), 1e-9, "150,000 bytes in 2 s");
        assertEquals(1200.0, p1.kbpsReceived(), 1e-9);
        assertEquals(25.0, p1.cpuPercent(), 1e-9, "0.5 s of CPU in 2 s");
        assertEquals(new FrameDrops(3, 0, 0, 0, 0, 0, 2, 4, 0, 0, 3), p1.drops());
        assertEquals(9, p1.drops().frames(), "relay packets are not frames");
        assertEquals(1, p1.latency().count());

        ConferenceFigures room = ConferenceFigures.room(List.of(p1), before, after, latency);
        assertEquals(ConferenceFigures.ALL, room.who());
        assertEquals(9, room.drops().relayPackets(), "the room counts every relay drop, attributed or not");
        assertEquals(50.0, room.cpuPercent(), 1e-9, "the process: 1 s of CPU in 2 s");
        assertEquals(5.0, room.relayCpuPercent(), 1e-9);
        assertEquals(20, room.gcMillis(), "GC time over the window");
        assertEquals(-1, p1.gcMillis(), "the process's, not a participant's");
        assertEquals(-1, room.udpReceiveBufferErrors(), "unknown at both ends stays unknown");
        assertEquals(-1, room.machineBusyPercent(), 1e-9);
    }

    private static ParticipantStats stats(String name, long captured, long ringFull, long encoded, long bytesSent,
                                          long bytesReceived, List<StreamStats> streams) {
        return new ParticipantStats(name, name.hashCode(), captured, ringFull, encoded, 0, 0, 0, 0, 0, streams,
                new TransportStats(0, bytesSent, 0, 0, bytesReceived, 0, 0, 0), List.of());
    }

    private static StreamStats stream(RemoteStream stream, long rendered, long skipped, long awaitingKeyframe) {
        return new StreamStats(stream, rendered + skipped + awaitingKeyframe, skipped, rendered, 0, awaitingKeyframe, 0,
                LatencyStats.EMPTY, FreezeStats.EMPTY, 320, 240);
    }

    private static ConferenceSnapshot snapshot(long nanos, List<ParticipantStats> participants, long p1CpuNanos,
                                               Map<String, Long> relayDropsByName, long relayDrops) {
        return new ConferenceSnapshot(nanos, participants, List.of(p1CpuNanos, 0L, 0L), nanos / 20, nanos / 2,
                nanos / 100_000_000, relayDropsByName, relayDrops, new long[] {-1, -1}, -1);
    }
}
