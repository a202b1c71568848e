/**
 * Encrypted media for the {@code udp} transport: its DTLS identity ({@link
 * dev.vc.transport.udp.internal.secure.DtlsIdentity}, made before the join so the join can carry its fingerprint)
 * and the SRTP state of its one hop to the relay ({@link dev.vc.transport.udp.internal.secure.SrtpHop}: the DTLS
 * client association started once the hello binds, then the two SRTP contexts its keys make). The send and receive
 * chains call it from their protect and unprotect stages.
 */
package dev.vc.transport.udp.internal.secure;
