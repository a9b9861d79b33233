package io.github.camelseedance.runware.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The width x height of every resolution and aspect ratio (1080p, 4k and 720p 21:9 are assumed figures). */
final class SizeTable {

    /** The aspect ratios, in table order. */
    static final Set<String> ASPECT_RATIOS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9")));

    private static final Map<String, int[][]> SIZES = Map.of(
            "480p", new int[][]{ { 864, 496 }, { 752, 560 }, { 640, 640 }, { 560, 752 }, { 496, 864 }, { 992, 432 } },
            "720p",
            new int[][]{ { 1280, 720 }, { 1112, 834 }, { 960, 960 }, { 834, 1112 }, { 720, 1280 }, { 1470, 630 } },
            "1080p",
            new int[][]{ { 1920, 1080 }, { 1664, 1248 }, { 1440, 1440 }, { 1248, 1664 }, { 1080, 1920 },
                    { 2206, 946 } },
            "4k", new int[][]{ { 3840, 2160 }, { 3328, 2496 }, { 2880, 2880 }, { 2496, 3328 }, { 2160, 3840 },
                    { 4412, 1892 } });

    private SizeTable() {
    }

    /** The size at a resolution and aspect ratio, empty when either is unknown. */
    static Optional<int[]> size(String resolution, String aspectRatio) {
        int[][] sizes = SIZES.get(resolution);
        int index = new ArrayList<>(ASPECT_RATIOS).indexOf(aspectRatio);
        if (sizes == null || index < 0) {
            return Optional.empty();
        }
        return Optional.of(sizes[index].clone());
    }

    /** Whether the resolution's table holds that size. */
    static boolean holds(String resolution, int width, int height) {
        int[][] sizes = SIZES.get(resolution);
        if (sizes == null) {
            return false;
        }
        for (int[] size : sizes) {
            if (size[0] == width && size[1] == height) {
                return true;
            }
        }
        return false;
    }

    /** The resolution's sizes as {@code WIDTHxHEIGHT}, empty when the resolution is unknown. */
    static List<String> sizes(String resolution) {
        int[][] sizes = SIZES.getOrDefault(resolution, new int[0][]);
        List<String> names = new ArrayList<>();
        for (int[] size : sizes) {
            names.add(size[0] + "x" + size[1]);
        }
        return names;
    }

}
