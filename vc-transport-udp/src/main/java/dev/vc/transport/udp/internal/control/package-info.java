/**
 * What the transport says besides media: the {@link dev.vc.transport.udp.internal.control.RtcpSession}
 * (reception statistics, reports, Generic NACK with its {@code NackList}, PLI, retransmission from the send
 * history), the {@link dev.vc.transport.udp.internal.control.RelayBinding} (signed hellos that prove our address
 * to the relay, and its answers), and the {@link dev.vc.transport.udp.internal.control.ControlTimers} thread
 * that sends hellos and reports on time. The receive chain hands them STUN, RTCP and each RTP packet; they
 * send through the transport's socket.
 */
package dev.vc.transport.udp.internal.control;
