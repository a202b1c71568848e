/**
 * Congestion control for one hop: transport-wide sequence numbers, transport-cc feedback and a
 * Google-Congestion-Control-style send-side bandwidth estimator. Pure and socket-free: every method takes the
 * time it should use, so the whole loop runs in tests with synthetic arrival times.
 *
 * <p>A hop is one sender and one receiver of RTP: a client's uplink to the relay, or the relay's downlink to a
 * client. On each hop the pieces fit like this:
 *
 * <pre>
 *  sender                                              receiver
 *  ------                                              --------
 *  stamp TransportSequenceNumber on each packet  --->  TransportSequenceNumber.find
 *  SendSideBandwidthEstimator.onPacketSent             TransportFeedbackRecorder.onPacket
 *    (SentPacketLog)                                   every ~50 ms or when near the MTU:
 *                                                      TransportFeedbackRecorder.writeFeedback
 *                                                        (TransportFeedbackWriter)
 *  SendSideBandwidthEstimator.onFeedback         &lt;---  RTCP RTPFB FMT 15
 *    TransportFeedbackReader -> SentPacketLog
 *    -> AcknowledgedBitrateEstimator
 *    -> DelayBasedBandwidthEstimator
 *         (InterArrivalGrouper -> TrendlineOveruseDetector -> AimdRateController)
 *    -> LossBasedBandwidthEstimator
 *    -> ProbeBitrateEstimator (packets logged with a
 *       probe cluster id: raises both estimates)
 *  targetBitrateBps() -> encoder, pacer
 *  probeDue() -> ProbeController -> a ProbeCluster
 *    the sender sends as padding
 * </pre>
 *
 * <p>The public surface is what a hop's two ends call: {@link dev.vc.transport.udp.cc.TransportSequenceNumber},
 * {@link dev.vc.transport.udp.cc.TransportFeedbackRecorder} on the receiving end,
 * {@link dev.vc.transport.udp.cc.SendSideBandwidthEstimator} with its
 * {@link dev.vc.transport.udp.cc.BitrateLimits} and the {@link dev.vc.transport.udp.cc.ProbeCluster}s it asks
 * for on the sending end, and the feedback codec
 * ({@link dev.vc.transport.udp.cc.TransportFeedbackWriter}, {@link dev.vc.transport.udp.cc.TransportFeedbackReader},
 * {@link dev.vc.transport.udp.cc.TransportFeedbackHandler}) for anyone else who speaks transport-cc. The
 * estimator's stages ({@code SentPacketLog}, {@code InterArrivalGrouper}, {@code TrendlineOveruseDetector},
 * {@code AimdRateController}, {@code AcknowledgedBitrateEstimator}, {@code DelayBasedBandwidthEstimator},
 * {@code LossBasedBandwidthEstimator}, {@code ProbeBitrateEstimator}, {@code ProbeController}) are package-private, one job each, tested one by one.
 *
 * <p>Formats follow draft-holmer-rmcat-transport-wide-cc-extensions-01 byte for byte as browsers send them
 * ({@link dev.vc.transport.udp.cc.TransportFeedback}), so a WebRTC peer can take part unchanged. The estimator
 * follows draft-ietf-rmcat-gcc-02 with libwebrtc's goog_cc constants; each class names the constants it uses.
 * Memory is bounded everywhere (rings sized at construction) and nothing allocates per packet.
 *
 * <p>Where it is wired: a client's transport is the sending end of its uplink and the receiving end of its
 * downlink ({@code internal.control.CongestionControl}, with the send stage {@code TransportSequenceStamper}
 * and the receive stage {@code TransportSequenceRecorder}; {@code rtcp.RtcpReader} hands FMT 15 to
 * {@code RtcpHandler.onTransportFeedback}); the relay is the other end of both, per member
 * ({@code dev.vc.relay.MemberCongestion}). vc's RTP writer puts the element on ID
 * {@value dev.vc.transport.udp.cc.TransportSequenceNumber#DEFAULT_ID}, beside abs-capture-time in the same
 * 16-byte block; senders stamp it after pacing, and the relay rewrites it in place per receiver.
 */
package dev.vc.transport.udp.cc;
