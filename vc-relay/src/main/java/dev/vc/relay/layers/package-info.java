/**
 * Per-receiver forwarding of a sender's simulcast layers: {@link dev.vc.relay.layers.ForwardedStream} turns the
 * layers into one continuous RTP stream per receiver (one SSRC, continuous sequence numbers and timestamps,
 * switches on keyframes) and translates the receiver's NACKs back; {@link dev.vc.relay.layers.KeyframeStarts} tells
 * by codec where a switch may happen. Not exported; the relay's media thread uses them through its
 * {@code LayerForwarding}.
 */
package dev.vc.relay.layers;
