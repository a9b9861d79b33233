package io.github.camelseedance.examples.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelseedance.seedance.SeedanceVideo;

/**
 * The S3 user metadata stored with each video: the task and video UUIDs, the seed, the cost and the prompt.
 *
 * <p>S3 user metadata travels as HTTP headers, so it must be US-ASCII and at most 2 KB per object: the prompt is
 * percent-encoded where needed (printable ASCII stays as it is, so {@code URLDecoder.decode(value, UTF_8)} gives it
 * back) and cut at {@value #MAX_PROMPT} characters.
 */
public final class S3Metadata {

    public static final String TASK_UUID = "seedance-task-uuid";
    public static final String VIDEO_UUID = "seedance-video-uuid";
    public static final String SEED = "seedance-seed";
    public static final String COST = "seedance-cost";
    public static final String MODEL = "seedance-model";
    public static final String PROMPT = "seedance-prompt";

    static final int MAX_PROMPT = 1024;

    private S3Metadata() {
    }

    /** The metadata of one video; absent values (no seed reported, no cost asked) are left out. */
    public static Map<String, String> of(SeedanceVideo video, String prompt, String model) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(TASK_UUID, video.getTaskUUID());
        put(metadata, VIDEO_UUID, video.getVideoUUID());
        put(metadata, SEED, video.getSeed());
        put(metadata, COST, video.getCost() == null ? null : video.getCost().toPlainString());
        put(metadata, MODEL, model);
        if (prompt != null) {
            String cut = prompt.length() > MAX_PROMPT ? prompt.substring(0, MAX_PROMPT) : prompt;
            metadata.put(PROMPT, encode(cut));
        }
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, Object value) {
        if (value != null) {
            metadata.put(key, value.toString());
        }
    }

    /** Keeps printable ASCII except '%' and '+'; percent-encodes the UTF-8 bytes of everything else. */
    static String encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%' && c != '+') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
