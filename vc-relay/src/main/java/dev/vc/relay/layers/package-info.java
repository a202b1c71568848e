/**
 * Per-receiver forwarding of a sender's simulcast layers: {@link dev.vc.relay.layers.LayerRates} measures what
 * each layer costs, {@link dev.vc.relay.layers.LayerSelector} chooses for each receiver the layers that fit its
 * downlink estimate and the size it shows each sender at, {@link dev.vc.relay.layers.ForwardedStream} turns the
 * chosen layers into one continuous RTP stream per receiver (one SSRC, continuous sequence numbers and
 * timestamps, switches on keyframes) and translates the receiver's NACKs back, and
 * {@link dev.vc.relay.layers.KeyframeStarts} tells by codec which packets start a keyframe, and
 * {@link dev.vc.relay.layers.SwitchPoints} which of those a receiver may start on. Not exported; the relay's
 * media thread uses them through its {@code LayerForwarding}.
 */
package dev.vc.relay.layers;
