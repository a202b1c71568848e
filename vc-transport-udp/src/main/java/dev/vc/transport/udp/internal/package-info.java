/**
 * The {@code udp} transport (not exported): {@link dev.vc.transport.udp.internal.UdpTransportProvider} opens a
 * {@link dev.vc.transport.udp.internal.UdpTransport}, the thin composition of its parts over one socket:
 * {@code send/} (frame -> packetizer -> history -> pacing -> socket), {@code receive/} (datagram -> demux ->
 * RTP parse and filters -> stream -> loss and NACK -> frame assembly -> listener) and {@code control/} (RTCP
 * session, relay hellos and the timer that sends them). {@link dev.vc.transport.udp.internal.UdpSettings} is the
 * one home of the keys the transport reads; {@link dev.vc.transport.udp.internal.PayloadTypes} maps codecs to
 * payload types both ways.
 */
package dev.vc.transport.udp.internal;
