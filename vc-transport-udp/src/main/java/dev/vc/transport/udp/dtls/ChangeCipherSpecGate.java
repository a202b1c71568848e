package dev.vc.transport.udp.dtls;

/**
 * Keeps a server's BouncyCastle from switching to the client's new epoch too early. BouncyCastle's server sets
 * up the pending epoch right after ClientKeyExchange and switches its read epoch on the first ChangeCipherSpec
 * record it sees; when the client's CertificateVerify (between the two, since vc requires client certificates)
 * was lost but the ChangeCipherSpec arrived, every resent CertificateVerify is in the old epoch and ignored, and
 * the handshake hangs until it times out. This gate removes ChangeCipherSpec records from what the server's
 * handshake reads until a CertificateVerify has gone through, which turns that case into an ordinary lost
 * datagram that the client's next resend repairs. Counts the records it removed.
 */
final class ChangeCipherSpecGate {
    private static final int HEADER = 13;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int CERTIFICATE_VERIFY = 15;

    private boolean certificateVerifyPassed;
    private long held;

    /**
     * Removes the ChangeCipherSpec records that must wait from a datagram, in place.
     *
     * @param datagram the records, as received
     * @param length   their length
     * @return the new length; 0 when nothing is left to read
     */
    int filter(byte[] datagram, int length) {
        int read = 0;
        int write = 0;
        while (read + HEADER <= length) {
            int type = datagram[read] & 0xFF;
            int epoch = (datagram[read + 3] & 0xFF) << 8 | datagram[read + 4] & 0xFF;
            int recordLength = HEADER + ((datagram[read + 11] & 0xFF) << 8 | datagram[read + 12] & 0xFF);
            if (read + recordLength > length) {
                break;                                        // malformed: leave the rest to BouncyCastle
            }
            if (type == HANDSHAKE && epoch == 0 && recordLength > HEADER
                    && (datagram[read + HEADER] & 0xFF) == CERTIFICATE_VERIFY) {
                certificateVerifyPassed = true;
            }
            if (type == CHANGE_CIPHER_SPEC && !certificateVerifyPassed) {
                held++;
            } else {
                System.arraycopy(datagram, read, datagram, write, recordLength);
                write += recordLength;
            }
            read += recordLength;
        }
        System.arraycopy(datagram, read, datagram, write, length - read);
        return write + length - read;
    }

    /** @return ChangeCipherSpec records removed because no CertificateVerify had gone through */
    long held() {
        return held;
    }
}
