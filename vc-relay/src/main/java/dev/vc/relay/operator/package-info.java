/**
 * The relay's operator API: an HTTP server ({@link dev.vc.relay.operator.OperatorServer}) that authenticates every
 * request with a bearer token ({@link dev.vc.relay.operator.BearerToken}) and serves JSON
 * ({@link dev.vc.relay.operator.Json}) from a table of routes ({@link dev.vc.relay.operator.OperatorRoutes}) the relay
 * fills: rooms, participants, kicks, egress forwards.
 */
package dev.vc.relay.operator;
