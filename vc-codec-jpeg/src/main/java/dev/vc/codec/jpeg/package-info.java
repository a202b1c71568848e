/**
 * The JPEG codec providers: {@link dev.vc.codec.jpeg.JpegEncoderProvider} and
 * {@link dev.vc.codec.jpeg.JpegDecoderProvider}, both named {@code jpeg}.
 *
 * <pre>{@code
 * Config config = Config.load();
 * try (Encoder encoder = ProviderRegistry.encoders().byName("jpeg").create(EncoderSettings.from(config));
 *      Decoder decoder = ProviderRegistry.decoderFor(config, VideoCodec.JPEG).create(config)) {
 *     EncodedFrame jpeg = new EncodedFrame();
 *     VideoFrame picture = new VideoFrame();
 *     encoder.encode(frame, jpeg);      // BGR24 (or I420) in, baseline 4:2:0 JFIF out
 *     decoder.decode(jpeg, picture);    // BGR24 out, stamps copied
 * }
 * }</pre>
 */
package dev.vc.codec.jpeg;
