package dev.ccotel.ports.service.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Member tokens: 32 random bytes (from the injected generator, a SecureRandom in the hub), shown once;
 * the hub keeps only their SHA-256. A fast hash is enough: the token is random, not a password, so
 * there is nothing to guess from the hash.
 */
final class MemberTokens {
    static final String PREFIX = "ccotel_hub_";

    private MemberTokens() {}

    static String newToken(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
