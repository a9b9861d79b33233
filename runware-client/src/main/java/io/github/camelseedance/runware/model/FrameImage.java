package io.github.camelseedance.runware.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.camelseedance.runware.internal.Abbreviation;

/**
 * One {@code inputs.frameImages} entry: an image (UUID, URL, data URI or base64) and optionally the frame it pins.
 *
 * @param image the image input
 * @param frame {@code "first"}, {@code "last"}, {@code "0"}, {@code "-1"}, or {@code null} to let the position follow
 *              from the order of the list
 */
public record FrameImage(String image, String frame) {

    /**
     * Creates an entry without a frame position.
     *
     * @param  image the image input
     * @return       the entry
     */
    public static FrameImage of(String image) {
        return new FrameImage(image, null);
    }

    /**
     * Reads an entry from its JSON form.
     *
     * @param  json                     an image string, or an object {@code {"image":..., "frame":...}}
     * @return                          the entry
     * @throws IllegalArgumentException for anything else
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FrameImage fromJson(Object json) {
        if (json instanceof String image) {
            return of(image);
        }
        if (json instanceof Map<?, ?> object && object.get("image") instanceof String image
            && object.keySet().stream().allMatch(key -> "image".equals(key) || "frame".equals(key))) {
            Object frame = object.get("frame");
            return new FrameImage(image, frame == null ? null : frame.toString());
        }
        throw new IllegalArgumentException(
                "not an image string nor an object {image, frame}: " + Abbreviation.of(json));
    }

    /**
     * The JSON form of this entry.
     *
     * @return the image string when no frame is set, else {@code {"image":..., "frame":...}} where the frame is
     *         {@code "first"}, {@code "last"}, or the number {@code 0} or {@code -1}
     */
    @JsonValue
    public Object toJson() {
        if (frame == null) {
            return image;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image", image);
        json.put("frame", frameJson());
        return json;
    }

    /**
     * The position this entry pins, with {@code "0"} read as {@code "first"} and {@code "-1"} as {@code "last"}.
     *
     * @return {@code "first"}, {@code "last"}, the frame as given when it is not an allowed value, or {@code null}
     */
    public String position() {
        if ("0".equals(frame)) {
            return "first";
        }
        if ("-1".equals(frame)) {
            return "last";
        }
        return frame;
    }

    private Object frameJson() {
        if ("0".equals(frame) || "-1".equals(frame)) {
            return Integer.valueOf(frame);
        }
        return frame;
    }

    @Override
    public String toString() {
        return "FrameImage[image=" + Abbreviation.of(image) + ", frame=" + frame + "]";
    }
}
