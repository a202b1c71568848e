package dev.vc.api;

/** Receives what a {@link Transport} gets from the network. Called on the transport's receive thread. */
public interface TransportListener {
    /**
     * A complete frame of a remote stream arrived. The frame is only valid during the call.
     *
     * @param stream which remote stream
     * @param frame  the reassembled frame
     */
    void onFrame(RemoteStream stream, EncodedFrame frame);

    /**
     * A frame of a remote stream was lost for good (a packet never arrived). Decoders of inter-frame codecs
     * must wait for the next keyframe.
     *
     * @param stream which remote stream
     */
    default void onFrameLost(RemoteStream stream) {
    }

    /**
     * A receiver asked for a keyframe of the local stream (RTCP PLI or FIR); or the transport asks for one itself,
     * for every layer, once its hop to the relay got its keys (SRTP keyed by DTLS: frames encoded before were held
     * back, the first keyframe among them), on the thread that finished the handshake.
     *
     * @param layer the simulcast layer whose SSRC the request named (0 when the stream has one layer)
     */
    default void onKeyframeRequest(int layer) {
    }
}
