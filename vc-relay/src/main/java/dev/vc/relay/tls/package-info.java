/**
 * The relay's TLS identity: the certificate and key its control channel presents, loaded from PKCS#12 or PEM, or
 * a self-signed one it creates (BouncyCastle builds the certificate) and keeps in its state directory.
 */
package dev.vc.relay.tls;
