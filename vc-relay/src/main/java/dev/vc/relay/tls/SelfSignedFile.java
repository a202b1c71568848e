package dev.vc.relay.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Where the relay keeps its self-signed certificate and key between starts: one PEM file (certificate, then
 * PKCS#8 key) in its state directory, readable by its owner only (600, the directory 700), so that clients can
 * keep the fingerprint they pinned. Created on the first start; reused while valid; replaced (a new fingerprint)
 * once expired. Relays starting together on one state directory end up with the same file: the first to link
 * its new file in place wins and the others read it.
 */
final class SelfSignedFile {
    private static final System.Logger LOG = System.getLogger(SelfSignedFile.class.getName());
    static final String NAME = "control-tls.pem";

    private SelfSignedFile() {
    }

    /**
     * @param directory the relay's state directory (created if missing)
     * @param host      the address the relay binds, for the certificate's names
     * @return the kept identity, or a new one now kept
     * @throws IOException if the file cannot be read or written
     */
    static RelayIdentity loadOrCreate(Path directory, String host) throws IOException {
        Path file = directory.resolve(NAME);
        if (Files.exists(file)) {
            RelayIdentity kept = read(file);
            if (validNow(kept.certificate())) {
                return kept;
            }
            LOG.log(System.Logger.Level.WARNING, "the relay''s self-signed certificate in {0} expired on {1}: "
                    + "replacing it (clients that pinned the old fingerprint must pin the new one)", file,
                    kept.certificate().getNotAfter().toInstant());
            Files.delete(file);
        }
        SelfSignedCertificate created;
        try {
            created = SelfSignedCertificate.generate(HostNames.of(host), Instant.now());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the relay's self-signed certificate: " + e.getMessage(), e);
        }
        return keep(directory, file, created);
    }

    private static RelayIdentity keep(Path directory, Path file, SelfSignedCertificate created) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        Path temporary = posix
                ? Files.createTempFile(directory, NAME, ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, NAME, ".new");
        try {
            Files.writeString(temporary, PemFiles.encode(created.certificate(), created.keys().getPrivate()),
                    StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temporary);   // fails if another relay kept its file first
            } catch (FileAlreadyExistsException lost) {
                return read(file);
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (CertificateException e) {
            throw new IOException("cannot encode the relay's self-signed certificate: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
        LOG.log(System.Logger.Level.INFO, "created the relay''s self-signed certificate in {0}", file);
        return new RelayIdentity(List.of(created.certificate()), created.keys().getPrivate(),
                "self-signed, kept in " + file);
    }

    private static RelayIdentity read(Path file) throws IOException {
        return new RelayIdentity(PemFiles.certificates(file), PemFiles.privateKey(file), "self-signed, kept in " + file);
    }

    private static boolean validNow(X509Certificate certificate) {
        try {
            certificate.checkValidity(new Date());
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }
}
