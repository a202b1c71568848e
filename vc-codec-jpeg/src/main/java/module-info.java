/**
 * JPEG encoder and decoder providers (name {@code jpeg}, {@link dev.vc.api.VideoCodec#JPEG}) built on the
 * JDK's {@code javax.imageio} JPEG plug-in. The encoder writes baseline 4:2:0 JFIF with 8-bit quantisation
 * tables and the standard Huffman tables, which RFC 2435 (RTP/JPEG) can carry.
 *
 * <p>Only {@code dev.vc.codec.jpeg} (the two providers) is exported.
 */
module dev.vc.codec.jpeg {
    requires transitive dev.vc.api;
    requires java.desktop;

    exports dev.vc.codec.jpeg;

    provides dev.vc.api.EncoderProvider with dev.vc.codec.jpeg.JpegEncoderProvider;
    provides dev.vc.api.DecoderProvider with dev.vc.codec.jpeg.JpegDecoderProvider;
}
