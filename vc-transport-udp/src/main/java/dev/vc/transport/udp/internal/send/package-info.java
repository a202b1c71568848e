/**
 * The transport's send path, in data-flow order: {@link dev.vc.transport.udp.internal.send.SendChain} takes an
 * encoded frame, its {@code PacketizerTable} picks the codec's packetizer and payload type, and each packet
 * then passes the send stages: {@code HistoryRecorder} (kept for retransmission), {@code PacingRateFollower}
 * (the pacer at 2.5 x the uplink's estimate), {@code PacedRelease} (held to the pacing rate by the
 * {@code Pacer}), {@code TransportSequenceStamper} (the uplink's transport-wide sequence number, logged for the
 * estimator), {@code SocketWriter} (one datagram, counted in
 * {@link dev.vc.transport.udp.internal.send.SendCounters}). A new stage (SRTP encryption) is one
 * {@code SendStage} and one line in {@code SendChain.toSocket}.
 */
package dev.vc.transport.udp.internal.send;
