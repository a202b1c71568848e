/**
 * The transport's receive path, in data-flow order: the {@link dev.vc.transport.udp.internal.receive.ReceiveLoop}
 * reads datagrams, and the {@link dev.vc.transport.udp.internal.receive.ReceiveChain} passes each through its
 * stages: {@code Demultiplexer} (STUN, RTCP, RTP), {@code RtpParser}, {@code ReflectionFilter},
 * {@code RtxUnwrapper} (retransmissions back into their streams), {@code PayloadTypeMapper}, {@code StreamLookup} (the {@code StreamTable}), {@code ReceptionRecorder} (loss and
 * NACK) and {@code FrameAssembly} (each stream's {@code FrameAssembler} with its {@code PayloadFormat}). Each
 * stage counts its drops under a {@link dev.vc.transport.udp.internal.receive.ReceiveDropReason}, in
 * {@link dev.vc.transport.udp.internal.receive.ReceiveCounters}. A new stage is one {@code ReceiveStage} and one
 * line in the {@code ReceiveChain} constructor.
 */
package dev.vc.transport.udp.internal.receive;
