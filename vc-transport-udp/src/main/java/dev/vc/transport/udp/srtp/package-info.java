/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for every media hop, keyed by DTLS-SRTP (RFC 5764): the protection profiles
 * and the master keys a handshake exports.
 */
package dev.vc.transport.udp.srtp;
