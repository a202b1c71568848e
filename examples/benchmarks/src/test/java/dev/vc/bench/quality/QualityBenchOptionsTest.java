package dev.vc.bench.quality;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QualityBench's command line; no encoding. */
class QualityBenchOptionsTest {
    @Test
    void shouldDefaultToTenSecondsOfBothSequencesAndTheWholeSweep() {
        QualityBenchOptions o = QualityBenchOptions.parse();
        assertEquals(300, o.frames());
        assertEquals(TestSequences.NAMES, o.sequences());
        assertEquals(List.of(20, 40, 60, 80), o.jpegQualities());
        assertEquals(QualityBenchOptions.DEFAULT_H264, o.h264Bitrates());
        assertEquals(QualityBenchOptions.DEFAULT_JCODEC, o.jcodecBitrates());
        assertEquals(Path.of("target", "quality"), o.out());
        assertEquals(4 + 11 + 4, o.settings().size());
    }

    @Test
    void shouldParseEveryFlagWithBitrateSuffixes() {
        QualityBenchOptions o = QualityBenchOptions.parse("--frames", "60", "--sequence", "testsrc2-noise",
                "--jpeg", "60, 90", "--h264", "150k,1.2M,2500000", "--h264-jcodec", "none", "--out", "/tmp/q");
        assertEquals(60, o.frames());
        assertEquals(List.of(TestSequences.DETAILED), o.sequences());
        assertEquals(List.of(60, 90), o.jpegQualities());
        assertEquals(List.of(150_000, 1_200_000, 2_500_000), o.h264Bitrates());
        assertTrue(o.jcodecBitrates().isEmpty());
        assertEquals(Path.of("/tmp/q"), o.out());
        assertEquals(List.of(CodecSetting.quality("jpeg", 60), CodecSetting.quality("jpeg", 90),
                CodecSetting.bitrate("h264", 150_000), CodecSetting.bitrate("h264", 1_200_000),
                CodecSetting.bitrate("h264", 2_500_000)), o.settings());
        assertEquals(List.of(600_000, 3_000_000), QualityBenchOptions.parse("--h264-jcodec", "600K,3m").jcodecBitrates());
    }

    @Test
    void shouldRejectRunsThatCannotBeJudgedOrAreUnbounded() {
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--jpeg", "40,80"),
                "q60 is the reference");
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--jpeg", "60,101"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--h264", "none"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--h264", "5k"), "below 10 kbit/s");
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--h264", "1.5"), "not whole bit/s");
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--h264", "fast"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--frames", "1"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--frames", "3001"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--sequence", "foreman"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--frames"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--bogus", "1"));
        assertThrows(ConfigException.class, () -> QualityBenchOptions.parse("--help"));
    }

    @Test
    void shouldLabelBitratesAsTheyAreWritten() {
        assertEquals("150k", CodecSetting.bitrate("h264", 150_000).label());
        assertEquals("1.2M", CodecSetting.bitrate("h264", 1_200_000).label());
        assertEquals("5M", CodecSetting.bitrate("h264", 5_000_000).label());
        assertEquals("12345", CodecSetting.bitrate("h264", 12_345).label());
        assertEquals("q60", CodecSetting.quality("jpeg", 60).label());
    }
}
