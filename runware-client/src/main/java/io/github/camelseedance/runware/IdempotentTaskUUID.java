package io.github.camelseedance.runware;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * The task UUID of an idempotency key: the same key always gives the same UUID, in the version 4 form Runware
 * requires, so that a retried, redelivered or restarted submission names the same task and is never billed twice.
 */
public final class IdempotentTaskUUID {

    private static final String NAMESPACE = "camel-seedance:";

    private IdempotentTaskUUID() {
    }

    /**
     * The UUID of a key: SHA-256 of the key, its first 16 bytes with the version (4) and variant (IETF) bits set.
     *
     * @param  key any text identifying the work (a file name, a message id, an order number)
     * @return     a UUID in version 4 form
     */
    public static String of(String key) {
        Objects.requireNonNull(key, "key");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((NAMESPACE + key).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
