/**
 * Egress: a participant's stream forwarded by the relay, as plain RTP, to a host and port outside the conference
 * (a recorder, ffplay, a streaming server), described by an SDP file the far end opens. {@link
 * dev.vc.relay.egress.EgressStream} is one forward's packet path, {@link dev.vc.relay.egress.EgressSdp} its
 * description; the relay's operator API starts and stops forwards.
 */
package dev.vc.relay.egress;
