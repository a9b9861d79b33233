package io.github.camelseedance.runware.model;

import java.net.URI;

/**
 * Media stored at Runware by {@code imageUpload} or {@code mediaStorage}; the uuid can be used as an input.
 *
 * @param uuid the uuid of the stored media ({@code imageUUID} or {@code mediaUUID})
 * @param url  where the stored media is served, {@code null} when the answer carried none
 */
public record UploadedMedia(String uuid, URI url) {
}
