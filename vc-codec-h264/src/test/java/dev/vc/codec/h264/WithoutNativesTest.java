package dev.vc.codec.h264;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.UnknownProviderException;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in its own Surefire execution whose class and module path lack the platform's native jars (see this
 * module's pom): {@code h264} says it cannot run, and {@code h264-jcodec} works as everywhere.
 */
@Tag("without-natives")
class WithoutNativesTest {
    @Test
    void shouldReportFfmpegUnavailableAndStillEncodeAndDecodeWithJcodec() {
        UnknownProviderException e = assertThrows(UnknownProviderException.class,
                () -> ProviderRegistry.encoders().byName("h264"));
        assertTrue(e.getMessage().contains("cannot run here"), e.getMessage());
        assertEquals("h264-jcodec", ProviderRegistry.decoderFor(Config.empty(), dev.vc.api.VideoCodec.H264).name());

        Config config = Config.of(Map.of("vc.bitrate", "3000000"));
        VideoFrame picture = new VideoFrame();
        try (Encoder encoder = ProviderRegistry.encoders().byName("h264-jcodec").create(EncoderSettings.from(config));
             Decoder decoder = ProviderRegistry.decoders().byName("h264-jcodec").create(config)) {
            EncodedFrame encoded = new EncodedFrame();
            for (int i = 0; i < 10; i++) {
                VideoFrame frame = TestSequence.frame(i);
                if (encoder.encode(frame, encoded)) {
                    assertTrue(decoder.decode(encoded, picture), "frame " + i);
                    double psnr = TestSequence.lumaPsnr(frame, picture);
                    assertTrue(psnr > 30, "frame " + i + " PSNR " + psnr);
                }
            }
        }
    }
}
