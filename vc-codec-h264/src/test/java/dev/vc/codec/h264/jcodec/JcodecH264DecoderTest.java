package dev.vc.codec.h264.jcodec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class JcodecH264DecoderTest {
    @Test
    void shouldRunJcodecSingleThreadedWithItsPoolShutDown() {
        JcodecH264Decoder decoder = new JcodecH264Decoder();
        try {
            assertTrue(decoder.singleThreaded(), "jcodec's slice thread pool must be off");
        } finally {
            decoder.close();
            decoder.close();
        }
    }
}
