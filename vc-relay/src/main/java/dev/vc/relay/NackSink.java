package dev.vc.relay;

/** Receives the sequence numbers a NACK asks for, one by one ({@link RtcpRoute#forEachNackedSequence}). */
interface NackSink {
    void onSequence(int sequence);
}
