/**
 * Join to first frame: {@link dev.vc.bench.join.FirstFrameBench} times a participant's join through the public
 * API, from {@code Participant.Builder.build()} to its first rendered picture of a room-mate already sending,
 * step by step ({@code Participant.joinTimings()}), with TLS and DTLS-SRTP and with both off, in one run.
 */
package dev.vc.bench.join;
