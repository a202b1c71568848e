package dev.vc.codec.h264.internal;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.PixelFormat;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class H264OptionsTest {
    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(H264Options.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "H264Options", H264Options.ALL);
    }

    @Test
    void shouldReadTheDefaultsFromTheDeclarations() {
        assertEquals(new H264Options("libopenh264", "bitrate", "fatal", 16, 51, true, PixelFormat.I420),
                H264Options.from(Config.empty()));
        assertEquals(PixelFormat.BGR24,
                H264Options.from(Config.of(Map.of("vc.decoder.output", "BGR24"))).decoderOutput());
    }

    @Test
    void shouldRefuseAHighestQpBelowTheLowest() {
        ConfigException e = assertThrows(ConfigException.class, () -> H264Options.from(
                Config.of(Map.of("vc.h264.jcodec.qp.min", "30", "vc.h264.jcodec.qp.max", "20"))));
        assertEquals("vc.h264.jcodec.qp.max must be an integer in 30..51 (at least vc.h264.jcodec.qp.min), got '20'",
                e.getMessage());
    }
}
