package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every file the simulator serves (generated videos and uploaded inputs), by uuid, each with its expiry, and the
 * videos whose first GETs are to answer 422 (still being written).
 */
final class MediaStore {

    private final Map<String, StoredMedia> media = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notReadyGets = new ConcurrentHashMap<>();
    private final String mediaBaseUrl;

    /** @param mediaBaseUrl e.g. {@code http://127.0.0.1:8089/media/} */
    MediaStore(String mediaBaseUrl) {
        this.mediaBaseUrl = mediaBaseUrl;
    }

    /** Stores a file for {@code ttl} and answers its public URL. */
    String put(String uuid, String extension, String contentType, MediaKind kind, MediaContent content, Duration ttl,
               boolean uploaded) {
        StoredMedia stored = new StoredMedia(uuid, extension, contentType, kind, content,
                System.nanoTime() + ttl.toNanos(), uploaded);
        media.put(uuid, stored);
        return urlOf(stored);
    }

    /** The next {@code gets} GETs of that file answer 422 instead of the file. */
    void notReadyFor(String uuid, int gets) {
        notReadyGets.put(uuid, new AtomicInteger(gets));
    }

    /** Whether this GET of the file is one of those to answer 422; consumes it. */
    boolean takeNotReady(String uuid) {
        AtomicInteger left = notReadyGets.get(uuid);
        if (left == null) {
            return false;
        }
        int remaining = left.decrementAndGet();
        if (remaining <= 0) {
            notReadyGets.remove(uuid, left);
        }
        return remaining >= 0;
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

    /** The file a URL of this store points at ({@code <base>/<uuid>.<extension>}) while it has not expired. */
    Optional<StoredMedia> findByUrl(String url) {
        return url.startsWith(mediaBaseUrl) ? findByFileName(url.substring(mediaBaseUrl.length())) : Optional.empty();
    }

    /** The file named {@code <uuid>.<extension>} while it has not expired; the extension must match. */
    Optional<StoredMedia> findByFileName(String file) {
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = file.substring(dot + 1);
        return find(file.substring(0, dot)).filter(m -> m.extension().equals(extension));
    }

    /** Expires one file now; answers whether it was stored. */
    boolean expire(String uuid) {
        notReadyGets.remove(uuid);
        return media.remove(uuid) != null;
    }

    void expireAll() {
        media.clear();
        notReadyGets.clear();
    }

    /** Drops expired files so their memory is freed even when nobody asks for them again. */
    void purgeExpired() {
        long now = System.nanoTime();
        media.values().removeIf(m -> m.expiredAt(now));
        notReadyGets.keySet().retainAll(media.keySet());
    }
}
