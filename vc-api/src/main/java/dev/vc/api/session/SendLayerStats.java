package dev.vc.api.session;

/**
 * A snapshot of one simulcast layer of the local stream, cumulative since the participant started.
 *
 * @param layer           0 for the largest, each next one half its width and height
 * @param width           the layer's picture width in pixels
 * @param height          the layer's picture height in pixels
 * @param active          whether the layer was sent at the last captured frame (false while the relay wants it
 *                        for nobody or the uplink's estimate leaves it too little)
 * @param bitrateBps      the bitrate last given to the layer's encoder, bit/s (codecs without rate control
 *                        ignore it)
 * @param framesEncoded   frames the layer's encoder produced and handed to the transport
 * @param keyframes       keyframes among them
 * @param framesNotWanted captured frames not encoded in this layer because the relay wanted it for nobody
 * @param framesSuspended captured frames not encoded in this layer because its share of the uplink's estimate was
 *                        below its floor
 */
public record SendLayerStats(int layer, int width, int height, boolean active, int bitrateBps, long framesEncoded,
                             long keyframes, long framesNotWanted, long framesSuspended) {
}
