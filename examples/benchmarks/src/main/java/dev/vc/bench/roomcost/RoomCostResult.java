package dev.vc.bench.roomcost;

/**
 * What the client under test paid and got in one room of {@link RoomCostBench}, over the measured window.
 *
 * @param codec            the codec every participant sent
 * @param participants     the room's size N: the client and N-1 replayed senders
 * @param streams          remote streams the client was receiving at the window's end (N-1 when all arrived)
 * @param cpu              where the CPU time went: the client's threads per stage, the rest of the process,
 *                         the machine
 * @param sentFps          frames per second the client encoded and sent
 * @param fpsMean          frames per second rendered per remote stream, mean over the N-1 expected streams (a
 *                         stream that never arrived counts as 0)
 * @param fpsMin           the same, of the slowest stream
 * @param latencyP50       capture-to-render latency, median over all remote frames of the window, ms
 * @param latencyP99       its 99th percentile, ms
 * @param decodeErrors     frames the client's decoders rejected
 * @param framesSkipped    frames replaced by a newer one before they were decoded (decoding fell behind)
 * @param framesIncomplete frames the client's transport discarded because a packet never arrived
 * @param plisAnswered     PLIs the replayed senders answered with a keyframe (the relay's when the client joined,
 *                         the client's when it skipped or lost a frame of an H.264 stream), whole run
 * @param lateRestarts     times a replayed sender fell a whole frame interval behind (the harness starved), window
 * @param receivedSizes    the picture sizes the client rendered last per remote stream, with how many streams each
 *                         ({@code 320x240 x9}): which simulcast layer the relay forwarded it
 * @param sentLayers       frames per second the client encoded in each of its simulcast layers in the window,
 *                         largest first ({@code 640x480 30.0, 320x240 30.0})
 */
record RoomCostResult(String codec, int participants, int streams, CpuShares cpu, double sentFps, double fpsMean,
                      double fpsMin, double latencyP50, double latencyP99, long decodeErrors, long framesSkipped,
                      long framesIncomplete, long plisAnswered, long lateRestarts, String receivedSizes,
                      String sentLayers) {
}
