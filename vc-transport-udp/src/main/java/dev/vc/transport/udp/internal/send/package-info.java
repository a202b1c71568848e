/**
 * The transport's send path, in data-flow order: {@link dev.vc.transport.udp.internal.send.SendChain} takes an
 * encoded frame, its layer ({@code EncodedFrame.layer()}) picks the {@code SendLayer} of
 * {@link dev.vc.transport.udp.internal.send.SendLayers} (one SSRC, sequence space, packetizer state, history
 * and counters per simulcast layer; one timestamp offset for all), the layer's {@code PacketizerTable} picks
 * the codec's packetizer and payload type, and each packet then passes the send stages shared by all layers:
 * {@code HistoryRecorder} (kept in its layer's history for retransmission), {@code PacingRateFollower} (the
 * pacer at 2.5 x the uplink's estimate), {@code PacedRelease} (held to the pacing rate by the {@code Pacer}),
 * {@code TransportSequenceStamper} (the uplink's one transport-wide sequence number, logged for the estimator),
 * {@code SocketWriter} (one datagram, counted under its layer). After the frame, {@code ProbeClusterSender}
 * sends the probe clusters the congestion control asks for as padding-only packets (layer 0's SSRC, a sequence
 * space of their own, held to the cluster's rate, stamped with the cluster id, counted in
 * {@link dev.vc.transport.udp.internal.send.ChainCounters}). Time comes from a {@code SendClock}, so tests run
 * paced and probed sending without sleeping. A new stage (SRTP encryption) is one {@code SendStage} and one
 * line in {@code SendChain.toSocket}.
 */
package dev.vc.transport.udp.internal.send;
