package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every file the simulator serves (generated videos and uploaded inputs), by uuid, each with its expiry. */
final class MediaStore {

    private final Map<String, StoredMedia> media = new ConcurrentHashMap<>();
    private final String mediaBaseUrl;

    /** @param mediaBaseUrl e.g. {@code http://127.0.0.1:8089/media/} */
    MediaStore(String mediaBaseUrl) {
        this.mediaBaseUrl = mediaBaseUrl;
    }

    /** Stores a file for {@code ttl} and answers its public URL. */
    String put(String uuid, String extension, String contentType, MediaKind kind, MediaContent content, Duration ttl) {
        StoredMedia stored = new StoredMedia(uuid, extension, contentType, kind, content,
                System.nanoTime() + ttl.toNanos());
        media.put(uuid, stored);
        return urlOf(stored);
    }

    String urlOf(StoredMedia stored) {
        return mediaBaseUrl + stored.fileName();
    }

    /** The file with that uuid while it has not expired. */
    Optional<StoredMedia> find(String uuid) {
        StoredMedia stored = media.get(uuid);
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.expiredAt(System.nanoTime())) {
            media.remove(uuid, stored);
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    /** Expires one file now; answers whether it was stored. */
    boolean expire(String uuid) {
        return media.remove(uuid) != null;
    }

    void expireAll() {
        media.clear();
    }

    /** Drops expired files so their memory is freed even when nobody asks for them again. */
    void purgeExpired() {
        long now = System.nanoTime();
        media.values().removeIf(m -> m.expiredAt(now));
    }
}
