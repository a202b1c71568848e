package dev.vc.codec.h264.natives;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FFmpeg's description of an error code, as it goes into exception messages: its text, nothing after it. */
class FfmpegNativesTest {
    @Test
    void shouldDescribeAnErrorCodeWithFfmpegsTextAndNothingPastItsEnd() {
        assertTrue(FfmpegNatives.codecs().available(), FfmpegNatives.codecs().reason());
        assertEquals("Invalid data found when processing input (" + avutil.AVERROR_INVALIDDATA + ")",
                FfmpegNatives.error(avutil.AVERROR_INVALIDDATA));
    }
}
