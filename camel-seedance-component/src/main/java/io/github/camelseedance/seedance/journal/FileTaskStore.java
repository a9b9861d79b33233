package io.github.camelseedance.seedance.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks in flight in a local file, for one instance that must resume its tasks after a restart. The file is a log
 * of changes, one line each: {@code <crc32> {"put":record}}, {@code <crc32> {"del":"taskUUID"}} or, for the budget
 * ledger kept with the tasks, {@code <crc32> {"budget":change}}. A line is only
 * valid with its newline and a matching checksum, so a line torn by a kill between two writes is told apart: it is
 * skipped (and logged, naming the file and line) when the file is read. The log is rewritten with only the live
 * records whenever it holds more than twice as many lines as records (and at start), so its size follows the tasks in
 * flight, and writing costs the same per change however many tasks ever ran.
 * <p>
 * A lock file beside it ({@code <file>.lock}) keeps a second process from using the same file. Lease renewals are not
 * written: the process holding the lock holds every lease, and at start every recorded task is up for adoption.
 */
public class FileTaskStore extends MemoryTaskStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileTaskStore.class);
    private static final int MIN_LINES_BEFORE_COMPACTION = 1024;
    private static final TypeReference<Map<String, Object>> LEDGER_CHANGE = new TypeReference<>() {
    };

    private final Path file;
    private FileChannel lockChannel;
    private FileLock lock;
    private FileChannel log;
    private long lines;
    private long bytesWritten;
    private long recordsSkipped;

    /**
     * @param file      the log file (created with its folders when missing)
     * @param retention how long finished tasks are kept
     * @param clock     the clock of {@link TaskRecord#finishedAt()}
     */
    public FileTaskStore(Path file, Duration retention, Clock clock) {
        super(retention, clock);
        this.file = file.toAbsolutePath();
    }

    public FileTaskStore(Path file) {
        this(file, Duration.ZERO, Clock.systemUTC());
    }

    public Path getFile() {
        return file;
    }

    /** @return the bytes this store wrote to its file so far (appends and rewrites) */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** @return how many torn or unreadable lines were skipped when the file was read */
    public synchronized long recordsSkipped() {
        return recordsSkipped;
    }

    @Override
    protected synchronized void doStart() throws Exception {
        Path folder = file.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("The task store file " + file + " is in use by another process (or another"
                                            + " component of this one): give each instance its own file, or share a"
                                            + " JDBC task store");
        }
        if (Files.exists(file)) {
            read();
        }
        compact();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        try {
            if (log != null) {
                log.close();
            }
        } finally {
            log = null;
            if (lock != null) {
                lock.release();
                lockChannel.close();
            }
            lock = null;
        }
    }

    private void read() throws IOException {
        byte[] content = Files.readAllBytes(file);
        int start = 0;
        int lineNumber = 0;
        while (start < content.length) {
            lineNumber++;
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            String line = new String(content, start, end - start, StandardCharsets.UTF_8);
            if (end == content.length) {
                skip(lineNumber, "it has no end of line (torn by a kill while it was written)");
            } else if (!line.isEmpty()) {
                apply(lineNumber, line);
            }
            start = end + 1;
        }
    }

    private void apply(int lineNumber, String line) {
        int space = line.indexOf(' ');
        if (space != 8 || !checksum(line.substring(space + 1)).equals(line.substring(0, space))) {
            skip(lineNumber, "its checksum does not match (torn or damaged)");
            return;
        }
        try {
            JsonNode change = TaskRecordJson.JSON.readTree(line.substring(space + 1));
            if (change.has("put")) {
                TaskRecord task = TaskRecordJson.JSON.treeToValue(change.get("put"), TaskRecord.class);
                // the process that held these leases is gone (we hold the lock): every task is up for adoption
                load(task.finished() ? task : task.leasedTo(task.owner(), 0).waitedBy(null));
            } else if (change.has("del")) {
                unload(change.get("del").asText());
            } else if (change.has("budget")) {
                memoryLedger().replay(TaskRecordJson.JSON.convertValue(change.get("budget"), LEDGER_CHANGE));
            } else {
                skip(lineNumber, "it is neither a put nor a del");
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            skip(lineNumber, "it is not a task record (" + e.getMessage() + ")");
        }
    }

    private void skip(int lineNumber, String why) {
        recordsSkipped++;
        LOG.warn("Skipping line {} of the task store file {}: {}", lineNumber, file, why);
    }

    @Override
    protected void written(TaskRecord task) {
        append(Map.of("put", task));
    }

    @Override
    protected void removed(String taskUUID) {
        append(Map.of("del", taskUUID));
    }

    @Override
    protected void ledgerChanged(Map<String, Object> change) {
        append(Map.of("budget", change));
    }

    private void append(Map<String, Object> change) {
        if (log == null) {
            throw new IllegalStateException("The task store file " + file + " is not open (the store is not started)");
        }
        try {
            write(log, line(change));
            lines++;
            if (lines > Math.max(MIN_LINES_BEFORE_COMPACTION, 2L * (count() + memoryLedger().size()))) {
                compact();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the task store file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites the log with one line per live record, replacing the file atomically. */
    private void compact() throws IOException {
        if (log != null) {
            log.close();
        }
        Path rewritten = file.resolveSibling(file.getFileName() + ".tmp");
        List<TaskRecord> records = records();
        List<Map<String, Object>> ledger = memoryLedger().snapshot();
        try (FileChannel out = FileChannel.open(rewritten, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (TaskRecord task : records) {
                write(out, line(Map.of("put", task)));
            }
            for (Map<String, Object> change : ledger) {
                write(out, line(Map.of("budget", change)));
            }
            out.force(true);
        }
        Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        lines = records.size() + ledger.size();
        log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        bytesWritten += bytes.length;
    }

    private static byte[] line(Map<String, Object> change) {
        String json = TaskRecordJson.write(change);
        return (checksum(json) + ' ' + json + '\n').getBytes(StandardCharsets.UTF_8);
    }

    private static String checksum(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    @Override
    public String toString() {
        return "FileTaskStore[" + file + "]";
    }
}
