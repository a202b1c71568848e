package dev.vc.codec.h264;

import dev.vc.api.Config;
import dev.vc.api.DecoderProvider;
import dev.vc.api.EncoderProvider;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both providers are found by ServiceLoader through the module's provides clauses. */
class DiscoveryTest {
    @Test
    void shouldDiscoverBothEncodersAndDecodersByName() {
        for (String name : new String[] {"h264", "h264-jcodec"}) {
            EncoderProvider encoder = ProviderRegistry.encoders().byName(name);
            DecoderProvider decoder = ProviderRegistry.decoders().byName(name);
            assertEquals(VideoCodec.H264, encoder.codec());
            assertEquals(VideoCodec.H264, decoder.codec());
            assertTrue(encoder.availability().available(), encoder.availability().reason());
            assertTrue(decoder.availability().available(), decoder.availability().reason());
            assertEquals("dev.vc.codec.h264", encoder.getClass().getModule().getName());
            System.out.println("[discovery] " + name + ": " + encoder + " / " + decoder + " from module "
                    + encoder.getClass().getModule().getName());
        }
    }

    @Test
    void ffmpegShouldBePreferredWhenAvailable() {
        assertEquals("h264", ProviderRegistry.decoderFor(Config.empty(), VideoCodec.H264).name());
        assertEquals("h264-jcodec", ProviderRegistry.decoderFor(Config.of(java.util.Map.of("vc.decoder.h264",
                "h264-jcodec")), VideoCodec.H264).name());
        assertTrue(ProviderRegistry.encoders().byName("h264").priority()
                > ProviderRegistry.encoders().byName("h264-jcodec").priority());
    }
}
