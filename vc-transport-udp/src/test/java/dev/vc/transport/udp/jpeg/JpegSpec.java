package dev.vc.transport.udp.jpeg;

import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random small picture and how to encode it, for properties over real JPEGs.
 *
 * @param width    pixels, a multiple of 8
 * @param height   pixels, a multiple of 8
 * @param seed     content seed
 * @param noise    0..255, how busy
 * @param quality  JPEG quality 0..1
 * @param sampling chroma subsampling
 */
public record JpegSpec(int width, int height, long seed, int noise, float quality, Sampling sampling) {
    /** @return specs of pictures up to 128x128 */
    public static Arbitrary<JpegSpec> any() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 16).map(b -> b * 8),
                Arbitraries.integers().between(1, 16).map(b -> b * 8),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 255),
                Arbitraries.floats().between(0.05f, 0.95f),
                Arbitraries.of(Sampling.class)).as(JpegSpec::new);
    }

    /** @return the encoded JFIF */
    public byte[] encode() {
        return TestJpegs.encode(TestJpegs.picture(width, height, seed, noise), quality, sampling);
    }
}
