/**
 * The simulator's video renderer: real, playable videos made in pure Java for the simulated Seedance tasks.
 *
 * <ul>
 * <li>{@link io.github.camelseedance.simulator.video.VideoRenderer} renders a
 * {@link io.github.camelseedance.simulator.video.VideoSpec} (prompt, requested size, duration, format) to the bytes of
 * a whole file; {@link io.github.camelseedance.simulator.video.RealVideoRenderer} is the JCodec implementation (H.264
 * MP4/MOV, VP8 WebM), with a bounded LRU cache per spec.</li>
 * <li>{@link io.github.camelseedance.simulator.video.VideoFormat} maps the API's {@code outputFormat} to the file
 * extension and content type.</li>
 * <li>{@link io.github.camelseedance.simulator.video.SyntheticVideoSource} streams the fast mode's large,
 * deterministic, MP4-looking (not playable) payloads without holding them in memory.</li>
 * </ul>
 *
 * <p>No AWT, no system fonts: text is drawn with a built-in 5x7 bitmap font, so it works on headless CI machines.
 */
package io.github.camelseedance.simulator.video;
