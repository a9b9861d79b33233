package io.github.camelseedance.seedance.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
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
 * more. Nothing else in the temporary folder is touched. At the JVM's exit the process removes its folder when it is
 * empty, and the temporary folder too when one of these processes made it (it holds their mark, {@value #MADE_HERE})
 * and nothing else is in it: the last of them to leave removes it, and a folder made by anyone else stays.
 */
public final class ProcessTempFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTempFolder.class);
    private static final Pattern OURS = Pattern.compile("p\\d+-[0-9a-f]{8}");
    private static final String LOCK = ".lock";
    /** The prefix of a folder being made: not one of {@link #OURS}, so never taken for a leftover. */
    private static final String MAKING = ".making-";
    /** A folder being made whose maker died before renaming it: deleted once this old and unlocked. */
    private static final Pattern MADE_HALF = Pattern.compile("\\.making-p\\d+-[0-9a-f]{8}");
    private static final Duration HALF_MADE_AGE = Duration.ofMinutes(1);
    /** The folders this process holds, by temporary folder: one each, kept (and locked) until the JVM exits. */
    private static final Map<Path, Path> HELD = new ConcurrentHashMap<>();
    /** The locks, referenced so that they are never collected (a collected channel releases its lock). */
    private static final Map<Path, FileLock> LOCKS = new ConcurrentHashMap<>();
    /** The mark of a temporary folder that a process made for its folders, removed with it once empty. */
    static final String MADE_HERE = ".made-for-seedance-videos";

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

    /**
     * Makes a new folder of this process in {@code base}, its lock held from the moment it bears its name: it is made
     * and locked under a name no process deletes, then renamed, so another process starting at the same time can
     * never find it unlocked and take it for a leftover.
     */
    static Path claim(Path base) {
        try {
            if (Files.notExists(base)) {
                Files.createDirectories(base);
                Files.write(base.resolve(MADE_HERE), new byte[0]);
            }
            deleteLeftovers(base);
            String name = "p" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path making = Files.createDirectories(base.resolve(MAKING + name));
            FileChannel channel = FileChannel.open(making.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            Path own = Files.move(making, base.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOCKS.put(own, lock);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> release(own), "SeedanceTempFolder"));
            return own;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the temporary folder for videos in " + base, e);
        }
    }

    private static void deleteLeftovers(Path base) throws IOException {
        Instant halfMadeBefore = Instant.now().minus(HALF_MADE_AGE);
        DirectoryStream<Path> found;
        try {
            found = Files.newDirectoryStream(base, ProcessTempFolder::isProcessFolder);
        } catch (NoSuchFileException removedAtExit) {
            // the process that made it exited just now and removed it empty: no leftovers, and it is made again
            return;
        }
        try (DirectoryStream<Path> folders = found) {
            for (Path folder : folders) {
                try {
                    boolean halfMade = folder.getFileName().toString().startsWith(MAKING);
                    if (halfMade && Files.getLastModifiedTime(folder).toInstant().isAfter(halfMadeBefore)) {
                        continue;
                    }
                    if (!LOCKS.containsKey(folder) && abandoned(folder)) {
                        deleteFolder(folder);
                    }
                } catch (NoSuchFileException | UncheckedIOException gone) {
                    // another process that started at the same time deletes the same leftover
                    LOG.debug("{} went away while it was deleted: {}", folder, gone.getMessage());
                }
            }
        }
    }

    /**
     * At the JVM's exit, removes the process's folder when it holds nothing but its lock (every exchange deleted its
     * files), then the temporary folder when this process made it and it is empty (another process's folder in it
     * keeps it); a folder with files left is the next process's to clean.
     */
    static void release(Path own) {
        FileLock lock = LOCKS.get(own);
        if (lock == null) {
            return;
        }
        try (Stream<Path> files = Files.list(own)) {
            if (files.anyMatch(file -> !file.getFileName().toString().equals(LOCK))) {
                return;
            }
            LOCKS.remove(own);
            lock.release();
            lock.channel().close();
            Files.deleteIfExists(own.resolve(LOCK));
            Files.deleteIfExists(own);
            removeIfOnlyMarked(own.getParent());
        } catch (DirectoryNotEmptyException inUse) {
            // another process's folder, or a file someone else put there: the temporary folder stays
        } catch (IOException | UncheckedIOException e) {
            // left for the next process's clean-up
        }
    }

    /**
     * Removes a temporary folder that holds nothing but the mark of the process that made it; another process's folder,
     * a file of anyone's, or no mark (a folder made by someone else) keeps it.
     */
    private static void removeIfOnlyMarked(Path base) throws IOException {
        try (Stream<Path> entries = Files.list(base)) {
            if (entries.anyMatch(entry -> !entry.getFileName().toString().equals(MADE_HERE))) {
                return;
            }
        }
        if (Files.deleteIfExists(base.resolve(MADE_HERE))) {
            // a process claiming a folder in it now makes it again, unmarked (then left in place at its exit)
            Files.deleteIfExists(base);
        }
    }

    /** A folder of a process, or one being made. */
    private static boolean isProcessFolder(Path path) {
        String name = path.getFileName().toString();
        return Files.isDirectory(path) && (OURS.matcher(name).matches() || MADE_HALF.matcher(name).matches());
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
            try {
                if (Files.isRegularFile(file) && !file.getFileName().toString().equals(LOCK)) {
                    bytes += Files.size(file);
                    count++;
                }
                Files.deleteIfExists(file);
            } catch (NoSuchFileException | DirectoryNotEmptyException deletedAtTheSameTime) {
                // another process deletes this leftover too
            }
        }
        if (count > 0) {
            LOG.info("Deleted {} temporary video file(s) ({} bytes) left in {} by a process that stopped", count,
                    bytes, folder);
        }
    }
}
