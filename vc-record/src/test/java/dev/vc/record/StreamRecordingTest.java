package dev.vc.record;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One stream into files, without a network: keyframes start files, a new picture size a new file, RTP times. */
class StreamRecordingTest {
    private static final int TICKS_PER_FRAME = 3000;   // 30 fps in the 90 kHz clock

    /** H.264 frames of the {@code h264} encoder, keyframe every {@code interval}, RTP timestamps from {@code first}. */
    private static final class Stream implements AutoCloseable {
        final Encoder encoder;
        final VideoFrame picture;
        final EncodedFrame out = new EncodedFrame();
        int timestamp;
        int index;

        Stream(int width, int height, int interval, int first) {
            encoder = ProviderRegistry.encoders().byName("h264").create(new EncoderSettings(width, height, 30,
                    1_000_000, 60, interval, Config.empty()));
            picture = new VideoFrame(width, height, PixelFormat.I420);
            timestamp = first;
        }

        EncodedFrame next() {
            byte[] d = picture.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (i * 7 + index * 3);
            }
            picture.stamp(1_700_000_000_000_000_000L + index * 33_333_333L, index);
            assertTrue(encoder.encode(picture, out));
            out.rtpTimestamp(timestamp);
            timestamp += TICKS_PER_FRAME;
            index++;
            return out;
        }

        @Override
        public void close() {
            encoder.close();
        }
    }

    @Test
    void shouldStartAFileAtTheFirstKeyframeAndANewOneWhenThePictureSizeChanges(@TempDir Path dir) {
        StreamRecording recording = new StreamRecording(Container.MKV, i -> dir.resolve("s-" + i + ".mkv"));
        int wrapping = -TICKS_PER_FRAME * 50;    // the RTP clock wraps at frame 50, inside the first file
        try (Stream large = new Stream(320, 240, 30, wrapping)) {
            large.next();                        // the keyframe is lost: the recording starts at the next one
            int requests = 0;
            for (int i = 1; i < 30; i++) {
                requests += recording.onFrame(large.next()) ? 1 : 0;
            }
            assertEquals(2, requests, "asks for a keyframe at once, and again 15 frames later");
            for (int i = 30; i < 96; i++) {      // keyframes at 30, 60 and 90
                assertFalse(recording.onFrame(large.next()));
            }
            recording.onFrameLost();             // frames 96..119 would decode against a lost one
            for (int i = 96; i < 150; i++) {     // keyframe at 120
                recording.onFrame(large.next());
            }
            try (Stream small = new Stream(160, 120, 30, large.timestamp)) {
                for (int i = 0; i < 45; i++) {
                    recording.onFrame(small.next());
                }
            }
        }
        recording.close();
        assertEquals(List.of(dir.resolve("s-0.mkv"), dir.resolve("s-1.mkv")), recording.files());
        assertEquals(29 + 24, recording.framesSkipped(), "before the first keyframe, after the loss");
        assertEquals(96 + 45, recording.framesWritten());

        ContainerProbe first = ContainerProbe.read(recording.files().get(0));
        assertEquals(1, first.streams());
        assertEquals("h264", first.codec());
        assertEquals(320, first.width());
        assertEquals(240, first.height());
        assertEquals(96, first.frames(), "30..95, then 120..149 from the keyframe after the loss");
        assertEquals(4, first.keyframes());
        assertEquals(0, first.firstPtsMillis());
        // 30..149 at 33.3 ms, across the RTP clock's wrap; the skipped frames leave a gap, not a shift
        assertEquals(119 * 1000 / 30, first.lastPtsMillis(), 1);
        ContainerProbe second = ContainerProbe.read(recording.files().get(1));
        assertEquals(160, second.width());
        assertEquals(120, second.height());
        assertEquals(45, second.frames());
        assertEquals(44 * 1000 / 30, second.lastPtsMillis(), 1);
        assertTrue(Files.isRegularFile(recording.files().get(1)));
    }

    @Test
    void shouldMakeNamesSafeForFiles() {
        assertEquals("al_ce_..__x", Recorder.safe("al ce/..\\:x"));
        assertEquals("_hidden", Recorder.safe(".hidden"));
        assertEquals("Zoë-7", Recorder.safe("Zoë-7"));
    }
}
