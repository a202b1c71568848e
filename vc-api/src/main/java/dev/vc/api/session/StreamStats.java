package dev.vc.api.session;

import dev.vc.api.RemoteStream;

/**
 * What one participant received of one remote stream.
 *
 * @param stream          the remote stream
 * @param framesReceived  complete frames the transport delivered
 * @param framesSkipped   frames replaced by a newer one before they could be decoded (decoding fell behind)
 * @param framesRendered  frames decoded and handed to the renderer
 * @param decodeErrors    frames the decoder rejected
 * @param latency         capture-to-render latency since the stream appeared
 */
public record StreamStats(RemoteStream stream, long framesReceived, long framesSkipped, long framesRendered,
                          long decodeErrors,
                          LatencyStats latency) {
}
