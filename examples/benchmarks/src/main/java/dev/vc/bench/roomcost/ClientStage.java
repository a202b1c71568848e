package dev.vc.bench.roomcost;

/**
 * Which part of a participant's work a thread of this process does, told from the thread's name: how
 * {@link RoomCostBench} attributes CPU time to the client under test and leaves out everything else in the
 * process (replayed senders, relay, the benchmark's own threads).
 *
 * <p>The names are those the session API gives its threads ({@code dev.vc.api.session.Participant}, the
 * {@code udp} transport, {@link dev.vc.api.control.ControlClient}) for a participant called {@code name} whose
 * transport has local port {@code port}, plus AWT's and Swing's own threads, which in this process only the
 * client's {@code swing} renderer uses:
 *
 * <table>
 *   <caption>threads per stage</caption>
 *   <tr><th>stage</th><th>threads</th><th>work</th></tr>
 *   <tr><td>{@link #CAPTURE}</td><td>{@code vc-capture-<name>}</td><td>the camera (synthetic: painting the
 *       picture)</td></tr>
 *   <tr><td>{@link #ENCODE}</td><td>{@code vc-send-<name>}</td><td>encoding, packetizing, sending, the self
 *       view</td></tr>
 *   <tr><td>{@link #RECEIVE}</td><td>{@code vc-udp-rx-<port>}</td><td>socket reads, RTP and RTCP parsing,
 *       frame assembly</td></tr>
 *   <tr><td>{@link #DECODE}</td><td>{@code vc-decode-<name>}</td><td>decoding every remote stream and handing
 *       the pictures to the renderer (the Swing grid copies them into its tiles here)</td></tr>
 *   <tr><td>{@link #RENDER}</td><td>{@code AWT-*}, {@code Java2D *}, {@code TimerQueue}</td><td>painting the
 *       grid (event dispatch thread), X11 events, Swing timers</td></tr>
 *   <tr><td>{@link #CONTROL}</td><td>{@code vc-control-<name>}, {@code vc-udp-timer-<port>}</td><td>control
 *       keepalives and roster, media hellos, RTCP reports</td></tr>
 * </table>
 */
enum ClientStage {
    /** Reading the camera. */
    CAPTURE,
    /** Encoding and sending the local stream. */
    ENCODE,
    /** Receiving the remote streams' packets. */
    RECEIVE,
    /** Decoding the remote streams. */
    DECODE,
    /** Painting. */
    RENDER,
    /** Signalling and RTCP. */
    CONTROL;

    /**
     * @param thread     a thread's name
     * @param clientName the client's display name ({@code vc.name})
     * @param clientPort the local port of the client's transport
     * @return the stage that thread works for, or null if it is not the client's
     */
    static ClientStage of(String thread, String clientName, int clientPort) {
        if (thread.equals("vc-capture-" + clientName)) {
            return CAPTURE;
        }
        if (thread.equals("vc-send-" + clientName)) {
            return ENCODE;
        }
        if (thread.equals("vc-udp-rx-" + clientPort)) {
            return RECEIVE;
        }
        if (thread.equals("vc-decode-" + clientName)) {
            return DECODE;
        }
        if (thread.startsWith("AWT-") || thread.startsWith("Java2D ") || thread.equals("TimerQueue")) {
            return RENDER;
        }
        if (thread.equals("vc-control-" + clientName) || thread.equals("vc-udp-timer-" + clientPort)) {
            return CONTROL;
        }
        return null;
    }
}
