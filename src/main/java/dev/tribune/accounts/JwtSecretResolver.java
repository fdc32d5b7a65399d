package dev.tribune.accounts;

import dev.tribune.shared.EmbeddedDatabase;
import dev.tribune.shared.StartupFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the access-token key comes from. Configured: that. Embedded database and nothing configured: a random key
 * made on first start and kept in a file beside the data folder (so tokens outlive restarts, and a copy of the data
 * folder alone does not carry the key). External database and nothing configured: refuse to start, because every
 * instance sharing that database must share one key.
 */
final class JwtSecretResolver {

    static final String FILE_NAME = "jwt-secret";
    private static final int MIN_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(JwtSecretResolver.class);

    private JwtSecretResolver() {
    }

    static byte[] resolve(AuthProperties properties, EmbeddedDatabase embedded) {
        String configured = properties.jwtSecret();
        if (configured != null && !configured.isBlank()) {
            // its length is AuthProperties' to check
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        if (embedded == null) {
            throw new StartupFailure("tribune.auth.jwt-secret is not set, and the service uses an external database.",
                    "Set TRIBUNE_AUTH_JWT_SECRET (at least " + MIN_LENGTH + " characters, the same on every instance), "
                            + "e.g. the output of 'openssl rand -base64 48'.", null);
        }
        return keptBeside(embedded.dataDirectory());
    }

    private static byte[] keptBeside(Path dataDirectory) {
        Path file = dataDirectory.resolveSibling(FILE_NAME);
        try {
            if (Files.notExists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, secret);
                    log.info("Generated an access-token key in {} (set tribune.auth.jwt-secret to use your own)", file);
                } catch (FileAlreadyExistsException raced) {
                    // another start made it first: use theirs
                }
            }
            String secret = Files.readString(file).trim();
            if (secret.length() < MIN_LENGTH) {
                throw new StartupFailure("The access-token key in " + file + " is shorter than " + MIN_LENGTH + " characters.",
                        "Delete " + file + " to have a new one generated (signed-in users will have to sign in again).", null);
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupFailure("Could not read or create the access-token key " + file + ": " + e.getMessage(),
                    "Make " + file.getParent() + " writable, or set TRIBUNE_AUTH_JWT_SECRET.", e);
        }
    }
}
