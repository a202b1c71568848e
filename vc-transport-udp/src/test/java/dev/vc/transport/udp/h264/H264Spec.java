package dev.vc.transport.udp.h264;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random access unit for properties: 1..12 NAL units of random types 1..23 and NRI, sizes from one byte to
 * several MTUs, payload bytes 1..255 (no start code emulated). An access unit delimiter or sequence parameter set
 * comes only as its first NAL unit: a receiver takes one that begins a packet as the access unit's start
 * (everything after it decodes without what came before), as real encoders' access units allow.
 *
 * @param seed       payload source
 * @param nalCount   how many NAL units
 * @param maxNalSize largest NAL unit
 */
public record H264Spec(long seed, int nalCount, int maxNalSize) {
    /** @return specs of small and large access units */
    public static Arbitrary<H264Spec> any() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 12),
                Arbitraries.of(8, 300, 1500, 6000)).as(H264Spec::new);
    }

    /** @return the NAL units */
    public List<byte[]> nals() {
        Random random = new Random(seed);
        List<byte[]> nals = new ArrayList<>();
        for (int i = 0; i < nalCount; i++) {
            int type = 1 + random.nextInt(23);
            if (i > 0 && (type == H264.AUD || type == H264.SPS)) {
                type = H264.SEI;
            }
            nals.add(H264TestStreams.nal(type, random.nextInt(4), 1 + random.nextInt(maxNalSize), random));
        }
        return nals;
    }

    /** @return the access unit, Annex-B with 4-byte start codes */
    public byte[] accessUnit() {
        return H264TestStreams.annexB(nals());
    }
}
