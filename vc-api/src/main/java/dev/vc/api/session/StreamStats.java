package dev.vc.api.session;

import dev.vc.api.RemoteStream;

/**
 * What one participant received of one remote stream.
 *
 * @param stream          the remote stream
 * @param framesReceived  complete frames the transport delivered
 * @param framesSkipped   frames dropped undecoded because decoding fell behind (a JPEG frame replaced by a
 *                        newer one, or a full queue of an inter-frame stream)
 * @param framesRendered  frames decoded and handed to the renderer
 * @param decodeErrors    frames the decoder rejected
 * @param framesAwaitingKeyframe frames discarded undecoded because the stream waited for a keyframe (inter-frame
 *                        codecs, after a skipped or lost frame, a decode error, or at the start of the stream)
 * @param framesNoPicture frames the decoder took without returning a picture (it buffered or dropped them)
 * @param latency         capture-to-render latency since the stream appeared
 * @param freezes         gaps between rendered frames and recoveries after lost frames, since it appeared
 * @param width           width in pixels of the last picture rendered (0 before the first): with simulcast, the
 *                        layer the relay forwards now
 * @param height          its height in pixels (0 before the first)
 */
public record StreamStats(RemoteStream stream, long framesReceived, long framesSkipped, long framesRendered,
                          long decodeErrors, long framesAwaitingKeyframe, long framesNoPicture,
                          LatencyStats latency, FreezeStats freezes, int width, int height) {
}
