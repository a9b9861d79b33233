package io.github.camelseedance.runware.model;

import java.nio.file.Path;

import io.github.camelseedance.runware.RunwareClient;

/**
 * A file written by {@link RunwareClient#download(java.net.URI, Path)}.
 *
 * @param path        the file written
 * @param size        its size in bytes
 * @param contentType the {@code Content-Type} the server declared, {@code null} when absent
 */
public record DownloadedFile(Path path, long size, String contentType) {
}
