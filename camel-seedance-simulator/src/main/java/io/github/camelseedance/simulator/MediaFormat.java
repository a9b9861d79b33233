package io.github.camelseedance.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** File formats the simulator stores and serves, recognised from their first bytes or a MIME type. */
enum MediaFormat {
    PNG("png", "image/png", MediaKind.IMAGE), JPEG("jpg", "image/jpeg", MediaKind.IMAGE), WEBP("webp", "image/webp",
            MediaKind.IMAGE), GIF("gif", "image/gif", MediaKind.IMAGE), BMP("bmp", "image/bmp", MediaKind.IMAGE), MP4(
                    "mp4", "video/mp4", MediaKind.VIDEO), MOV("mov", "video/quicktime", MediaKind.VIDEO), WEBM("webm",
                            "video/webm", MediaKind.VIDEO), MP3("mp3", "audio/mpeg", MediaKind.AUDIO), WAV("wav",
                                    "audio/wav", MediaKind.AUDIO), FLAC("flac", "audio/flac", MediaKind.AUDIO);

    private final String extension;
    private final String contentType;
    private final MediaKind kind;

    MediaFormat(String extension, String contentType, MediaKind kind) {
        this.extension = extension;
        this.contentType = contentType;
        this.kind = kind;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    MediaKind kind() {
        return kind;
    }

    /** Recognises a file from its magic bytes. */
    static Optional<MediaFormat> sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (ascii(b, 0, "GIF8")) {
            return Optional.of(GIF);
        }
        if (ascii(b, 0, "BM") && b.length > 14) {
            return Optional.of(BMP);
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return Optional.of(WAV);
        }
        if (ascii(b, 4, "ftyp")) {
            return Optional.of(ascii(b, 8, "qt  ") ? MOV : MP4);
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of(WEBM);
        }
        if (ascii(b, 0, "ID3") || startsWith(b, 0, 0xFF, 0xFB) || startsWith(b, 0, 0xFF, 0xF3)) {
            return Optional.of(MP3);
        }
        if (ascii(b, 0, "fLaC")) {
            return Optional.of(FLAC);
        }
        return Optional.empty();
    }

    /** The format of a MIME type such as {@code image/png} ({@code image/jpg} and {@code audio/x-wav} included). */
    static Optional<MediaFormat> ofContentType(String mime) {
        String m = mime.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.contentType.equals(m)
                             || m.equals(f.kind.name().toLowerCase(Locale.ROOT) + "/" + f.extension)
                             || m.equals(f.kind.name().toLowerCase(Locale.ROOT) + "/x-" + f.extension))
                .findFirst();
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        return startsWith(b, offset, text.chars().toArray());
    }
}
