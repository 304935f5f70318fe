package org.dashdesk.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts exactly what one file holds: a PKCS12 trust store ({@code .p12},
 * {@code .pfx}) or one or more X.509 certificates (PEM or DER); pinning the server's own
 * certificate is the simplest. One place for the sync client and the set-up screen's check.
 */
public final class TrustFiles {

    private TrustFiles() {
    }

    /** @throws IllegalArgumentException naming the file when it cannot be read or holds no usable certificate */
    public static SSLContext trusting(Path file, char[] storePassword) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                try (InputStream in = Files.newInputStream(file)) {
                    trust.load(in, storePassword);
                }
            } else {
                trust.load(null, null);
                Collection<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(file)) {
                    certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certs.isEmpty()) {
                    throw new IllegalArgumentException(file + ": no certificate in the file");
                }
                int i = 0;
                for (Certificate c : certs) {
                    trust.setCertificateEntry("trusted-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot be used as a trusted certificate: " + e.getMessage(), e);
        }
    }
}
