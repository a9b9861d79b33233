package io.github.camelseedance.seedance.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of this process for temporary video files, inside the configured temporary folder: {@code
 * p<pid>-<random>}, holding a lock file for as long as the process runs. Several processes may share the temporary
 * folder (instances on one host); a process killed during downloads leaves its {@code .part} and complete files in
 * its own folder, which the next process to use the temporary folder deletes, since no process holds its lock any
 * more. Nothing else in the temporary folder is touched.
 */
public final class ProcessTempFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTempFolder.class);
    private static final Pattern OURS = Pattern.compile("p\\d+-[0-9a-f]{8}");
    private static final String LOCK = ".lock";
    /** The folders this process holds, by temporary folder: one each, kept (and locked) until the JVM exits. */
    private static final Map<Path, Path> HELD = new ConcurrentHashMap<>();
    /** The locks, referenced so that they are never collected (a collected channel releases its lock). */
    private static final Map<Path, FileLock> LOCKS = new ConcurrentHashMap<>();

    private ProcessTempFolder() {
    }

    /**
     * This process's folder inside {@code base}, created (after deleting the leftovers of processes that stopped) on
     * first use.
     */
    public static Path in(Path base) throws IOException {
        Path key = base.toAbsolutePath().normalize();
        try {
            return HELD.computeIfAbsent(key, ProcessTempFolder::claim);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static Path claim(Path base) {
        try {
            Files.createDirectories(base);
            deleteLeftovers(base);
            Path own = base.resolve("p" + ProcessHandle.current().pid() + "-"
                                    + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectories(own);
            FileChannel channel = FileChannel.open(own.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            LOCKS.put(own, channel.lock());
            return own;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the temporary folder for videos in " + base, e);
        }
    }

    private static void deleteLeftovers(Path base) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(base,
                path -> Files.isDirectory(path) && OURS.matcher(path.getFileName().toString()).matches())) {
            for (Path folder : folders) {
                if (!LOCKS.containsKey(folder) && abandoned(folder)) {
                    deleteFolder(folder);
                }
            }
        }
    }

    /** Whether no process holds the folder's lock (its process stopped, or was killed). */
    private static boolean abandoned(Path folder) {
        Path lock = folder.resolve(LOCK);
        if (!Files.exists(lock)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            LOG.debug("Cannot probe {}: {}", lock, e.getMessage());
            return false;
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.sorted(Comparator.reverseOrder()).toList();
        }
        long bytes = 0;
        int count = 0;
        for (Path file : files) {
            if (Files.isRegularFile(file) && !file.getFileName().toString().equals(LOCK)) {
                bytes += Files.size(file);
                count++;
            }
            Files.deleteIfExists(file);
        }
        if (count > 0) {
            LOG.info("Deleted {} temporary video file(s) ({} bytes) left in {} by a process that stopped", count,
                    bytes, folder);
        }
    }
}
