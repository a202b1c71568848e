package dev.vc.record;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.transport.udp.h264.H264ParameterSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerWriterTest {
    @ParameterizedTest
    @EnumSource(Container.class)
    void shouldLeaveAReadableFileOnDiskBeforeItIsClosed(Container container, @TempDir Path dir) throws Exception {
        // What a recorder that dies leaves: the bytes on disk while the file is still open.
        Path file = dir.resolve("open." + container.extension());
        Path crashed = dir.resolve("crashed." + container.extension());
        try (Encoder encoder = ProviderRegistry.encoders().byName("h264").create(new EncoderSettings(320, 240, 30,
                1_000_000, 60, 30, Config.empty()))) {
            VideoFrame picture = new VideoFrame(320, 240, PixelFormat.I420);
            EncodedFrame out = new EncodedFrame();
            ContainerWriter writer = null;
            try {
                for (int i = 0; i < 150; i++) {
                    byte[] d = picture.data();
                    for (int k = 0; k < d.length; k++) {
                        d[k] = (byte) (k * 5 + i * 7);
                    }
                    assertTrue(encoder.encode(picture.stamp(i * 33_333_333L, i), out));
                    if (writer == null) {
                        H264ParameterSets sets = H264ParameterSets.find(out.data(), 0, out.length());
                        byte[] annexB = new byte[8 + sets.sps().length + sets.pps().length];
                        annexB[3] = 1;
                        System.arraycopy(sets.sps(), 0, annexB, 4, sets.sps().length);
                        annexB[7 + sets.sps().length] = 1;
                        System.arraycopy(sets.pps(), 0, annexB, 8 + sets.sps().length, sets.pps().length);
                        writer = ContainerWriter.create(file, container, VideoCodec.H264, 320, 240, annexB,
                                "2026-12-05T00:00:00Z");
                    }
                    writer.write(out.data(), out.length(), i * 3000L, out.keyframe());
                }
                Files.copy(file, crashed);
            } finally {
                if (writer != null) {
                    writer.close();
                }
            }
        }
        ContainerProbe partial = ContainerProbe.read(crashed);
        System.out.println("[" + container + "] on disk before closing: " + partial);
        assertEquals("h264", partial.codec());
        assertTrue(partial.frames() >= 120 && partial.frames() <= 150,
                "every frame before the last keyframe (at 120) is on disk: " + partial);
        ContainerProbe whole = ContainerProbe.read(file);
        assertEquals(150, whole.frames());
        assertEquals(5, whole.keyframes());
        assertEquals(149 * 1000 / 30, whole.lastPtsMillis(), 1);
    }

    @Test
    void shouldSayWhyAFileCannotBeCreated(@TempDir Path dir) {
        Path nowhere = dir.resolve("missing").resolve("x.mkv");
        RecordingException e = assertThrows(RecordingException.class, () -> ContainerWriter.create(nowhere,
                Container.MKV, VideoCodec.JPEG, 64, 48, null, "2026-12-05T00:00:00Z"));
        assertTrue(e.getMessage().startsWith("cannot create " + nowhere), e.getMessage());
    }
}
