package dev.vc.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.CodecException;
import dev.vc.api.Config;
import dev.vc.api.DecoderProvider;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderProvider;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.UnknownProviderException;
import dev.vc.api.VideoCodec;
import org.junit.jupiter.api.Test;

class JpegProviderDiscoveryTest {
    @Test
    void shouldFindTheEncoderThroughTheModulePath() {
        EncoderProvider provider = ProviderRegistry.encoders().byName("jpeg");
        assertInstanceOf(JpegEncoderProvider.class, provider);
        assertEquals("dev.vc.codec.jpeg", provider.getClass().getModule().getName());
        assertEquals(VideoCodec.JPEG, provider.codec());
        assertTrue(provider.availability().available());
    }

    @Test
    void shouldFindTheDecoderForTheJpegCodec() {
        DecoderProvider provider = ProviderRegistry.decoderFor(Config.empty(), VideoCodec.JPEG);
        assertInstanceOf(JpegDecoderProvider.class, provider);
        assertEquals("dev.vc.codec.jpeg", provider.getClass().getModule().getName());
        assertEquals("jpeg", ProviderRegistry.decoders().byName("jpeg").name());
    }

    @Test
    void shouldNameJpegWhenAnUnknownEncoderIsAskedFor() {
        UnknownProviderException e = assertThrows(UnknownProviderException.class,
                () -> ProviderRegistry.encoders().byName("nope"));
        assertTrue(e.getMessage().contains("jpeg"), e.getMessage());
        assertTrue(e.available().contains("jpeg"));
    }

    @Test
    void shouldDescribeTheEncoder() {
        try (Encoder encoder = new JpegEncoderProvider().create(EncoderSettings.from(Config.empty()))) {
            assertEquals(VideoCodec.JPEG, encoder.codec());
            assertEquals(PixelFormat.BGR24, encoder.inputFormat());
            encoder.requestKeyframe();
        }
    }

    @Test
    void shouldRejectQualityOutOfRange() {
        EncoderSettings zero = new EncoderSettings(640, 480, 30, 600_000, 0, 300, Config.empty());
        assertThrows(CodecException.class, () -> new JpegEncoderProvider().create(zero));
    }
}
