package io.github.camelseedance.simulator;

import java.util.List;
import java.util.Optional;

/**
 * Output resolutions and the frame sizes (width x height) each one allows: 480p and 720p as Runware's model page
 * lists them (the 21:9 720p size 1470x630 from ByteDance-derived tables); the 1080p and 4k tables are assumed.
 */
enum Resolution {
    R480P("480p", List.of(new VideoSize(864, 496), new VideoSize(752, 560), new VideoSize(640, 640),
            new VideoSize(560, 752), new VideoSize(496, 864), new VideoSize(992, 432))), R720P("720p",
                    List.of(new VideoSize(1280, 720), new VideoSize(1112, 834), new VideoSize(960, 960),
                            new VideoSize(834, 1112), new VideoSize(720, 1280), new VideoSize(1470, 630))), R1080P(
                                    "1080p",
                                    List.of(new VideoSize(1920, 1080), new VideoSize(1664, 1248),
                                            new VideoSize(1440, 1440),
                                            new VideoSize(1248, 1664), new VideoSize(1080, 1920),
                                            new VideoSize(2206, 946))), R4K(
                                                    "4k",
                                                    List.of(new VideoSize(3840, 2160), new VideoSize(3328, 2496),
                                                            new VideoSize(2880, 2880),
                                                            new VideoSize(2496, 3328), new VideoSize(2160, 3840),
                                                            new VideoSize(4412, 1892)));

    private final String label;
    private final List<VideoSize> sizes;

    Resolution(String label, List<VideoSize> sizes) {
        this.label = label;
        this.sizes = sizes;
    }

    String label() {
        return label;
    }

    List<VideoSize> sizes() {
        return sizes;
    }

    /** The 16:9 size, used for frame-image tasks whose image the simulator cannot read. */
    VideoSize landscapeSize() {
        return sizes.get(0);
    }

    /** The size whose aspect ratio is nearest to {@code width:height} (as Runware matches the input's ratio). */
    VideoSize closestSize(int width, int height) {
        double wanted = Math.log((double) width / height);
        VideoSize best = sizes.get(0);
        for (VideoSize size : sizes) {
            if (Math.abs(Math.log((double) size.width() / size.height()) - wanted) < Math
                    .abs(Math.log((double) best.width() / best.height()) - wanted)) {
                best = size;
            }
        }
        return best;
    }

    static Optional<Resolution> ofLabel(String label) {
        for (Resolution r : values()) {
            if (r.label.equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** A frame size in pixels. */
    record VideoSize(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }
}
