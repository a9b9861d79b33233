package io.github.camelseedance.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Handles {@code mediaStorage} (operation {@code upload} or {@code delete}) and the deprecated {@code imageUpload}:
 * an upload decodes the given data URI or base64 (or downloads the given URL), recognises the format, stores the
 * file for {@link #UPLOAD_TTL} and answers its uuid and URL, which video tasks then accept as inputs; a delete
 * removes uploaded media by its uuid.
 */
final class MediaUploads {

    /** How long uploaded media is kept (Runware keeps images 30 days after last use). */
    static final Duration UPLOAD_TTL = Duration.ofDays(30);
    static final List<String> OPERATIONS = List.of("upload", "delete");

    /** Makes the uuid sequence independent of the video results', which share the seed. */
    private static final long SEED_SALT = 0xC2B2AE3D27D4EB4FL;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final MediaStore media;
    private final HttpClient client;
    private final Random random;

    MediaUploads(MediaStore media, HttpClient client, long seed) {
        this.media = media;
        this.client = client;
        this.random = new Random(seed ^ SEED_SALT);
    }

    void reset(long seed) {
        synchronized (random) {
            random.setSeed(seed ^ SEED_SALT);
        }
    }

    /** Answers the data item of an {@code imageUpload} task. */
    Map<String, Object> imageUpload(Map<String, Object> task) {
        TaskFields fields = new TaskFields(task, "");
        fields.rejectUnknown(Set.of("taskType", "taskUUID", "image"));
        String taskUUID = fields.requiredString("taskUUID");
        StoredMedia stored = store(fields.requiredString("image"), "image", Set.of(MediaKind.IMAGE));
        Map<String, Object> item = item("imageUpload", taskUUID);
        item.put("imageUUID", stored.uuid());
        item.put("imageURL", media.urlOf(stored));
        return item;
    }

    /** Answers the data item of a {@code mediaStorage} task. */
    Map<String, Object> mediaStorage(Map<String, Object> task) {
        TaskFields fields = new TaskFields(task, "");
        fields.rejectUnknown(Set.of("taskType", "taskUUID", "operation", "media"));
        String taskUUID = fields.requiredString("taskUUID");
        fields.requiredString("operation");
        String operation = fields.optionalEnum("operation", OPERATIONS).orElseThrow();
        String input = fields.requiredString("media");
        Map<String, Object> item = item("mediaStorage", taskUUID);
        item.put("operation", operation);
        if (operation.equals("delete")) {
            item.put("mediaUUID", delete(input));
        } else {
            StoredMedia stored = store(input, "media", Set.of(MediaKind.values()));
            item.put("mediaUUID", stored.uuid());
            item.put("mediaURL", media.urlOf(stored));
        }
        return item;
    }

    private String delete(String mediaUUID) {
        if (media.find(mediaUUID).filter(StoredMedia::uploaded).isEmpty()) {
            throw TaskFields.invalid(ErrorCodes.MEDIA_NOT_FOUND, "media", "No uploaded media with UUID '"
                                                                          + mediaUUID
                                                                          + "' to delete: it was never uploaded, it expired or it was deleted already.");
        }
        media.expire(mediaUUID);
        return mediaUUID;
    }

    private static Map<String, Object> item(String taskType, String taskUUID) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("taskType", taskType);
        item.put("taskUUID", taskUUID);
        return item;
    }

    private StoredMedia store(String input, String parameter, Set<MediaKind> kinds) {
        if (MediaInputChecker.UUID_SHAPE.matcher(input).matches()) {
            StoredMedia stored = media.find(input).orElseThrow(() -> TaskFields.invalid(ErrorCodes.MEDIA_NOT_FOUND,
                    parameter, "No media with UUID '" + input + "' for '" + parameter + "'."));
            if (!kinds.contains(stored.kind())) {
                throw TaskFields.invalidValue(parameter, "Invalid value for '" + parameter + "': media '" + input
                                                         + "' is not of an accepted kind " + kinds + ".");
            }
            return stored;
        }
        InlineData decoded = decode(input, parameter);
        MediaFormat format = decoded.declared().or(() -> MediaFormat.sniff(decoded.bytes()))
                .filter(f -> kinds.contains(f.kind()))
                .orElseThrow(() -> TaskFields.invalidValue(parameter, "Invalid value for '" + parameter
                                                                      + "': unsupported or unrecognised format. Accepted: "
                                                                      + acceptedFormats(kinds)));
        String uuid;
        synchronized (random) {
            uuid = VideoTaskRunner.uuidV4(random);
        }
        media.put(uuid, format.extension(), format.contentType(), format.kind(), new BytesContent(decoded.bytes()),
                UPLOAD_TTL, true);
        return media.find(uuid).orElseThrow();
    }

    private InlineData decode(String input, String parameter) {
        if (input.startsWith("http://") || input.startsWith("https://")) {
            return new InlineData(fetch(input, parameter), Optional.empty());
        }
        try {
            return InlineData.decode(input);
        } catch (IllegalArgumentException e) {
            throw TaskFields.invalidValue(parameter, "Invalid value for '" + parameter
                                                     + "': it must be an http(s) URL, a data URI or base64 ("
                                                     + e.getMessage() + ").");
        }
    }

    private byte[] fetch(String url, String parameter) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(FETCH_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 == 2) {
                return response.body();
            }
            throw fetchFailed(url, parameter, "HTTP " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            throw fetchFailed(url, parameter, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fetchFailed(url, parameter, "interrupted");
        }
    }

    private static InvalidTaskException fetchFailed(String url, String parameter, String why) {
        return TaskFields.invalidValue(parameter,
                "Invalid value for '" + parameter + "': could not download '" + url + "' (" + why + ").");
    }

    private static List<String> acceptedFormats(Set<MediaKind> kinds) {
        return Arrays.stream(MediaFormat.values()).filter(f -> kinds.contains(f.kind()))
                .map(MediaFormat::extension).toList();
    }
}
