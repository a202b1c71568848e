/**
 * {@code DtlsHandshakeBench}: DTLS-SRTP handshakes between a client and a server association over UDP on
 * 127.0.0.1, both roles in one JVM, measuring the time from start to both sides' keys and the CPU each role's
 * handshake threads spend.
 */
package dev.vc.bench.dtls;
