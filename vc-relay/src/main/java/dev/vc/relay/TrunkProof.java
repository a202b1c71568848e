package dev.vc.relay;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * What a relay opening a trunk proves it knows: HMAC-SHA256 of the room and its relay id under the cluster's trunk
 * secret ({@link RelaySettings#TRUNK_SECRET}). The secret never crosses the wire; the proof travels inside the
 * control channel's TLS only, and the relay that checks it compares in constant time.
 */
final class TrunkProof {
    private TrunkProof() {
    }

    /** @return the proof for {@code room} and {@code relayId} under {@code secret} */
    static byte[] of(String secret, String room, String relayId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update("vc-trunk\0".getBytes(StandardCharsets.UTF_8));
            mac.update(room.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(relayId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** @return true when {@code proof} is the one {@code secret} makes; false when trunks are off (null secret) */
    static boolean verify(String secret, String room, String relayId, byte[] proof) {
        return secret != null && MessageDigest.isEqual(of(secret, room, relayId), proof);
    }
}
