package io.github.camelseedance.seedance.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes starting at the same time on one temporary folder: a folder being made is never taken for a leftover, and
 * leftovers deleted by two starting processes at once fail neither. At exit a process leaves nothing it made empty.
 */
class ProcessTempFolderTest {

    @TempDir
    Path base;

    @Test
    void foldersClaimedAtTheSameTimeAreEachMadeWholeAndKept() throws Exception {
        int claims = 200;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Path>>> made = new ArrayList<>();
            for (int starter = 0; starter < 2; starter++) {
                Callable<List<Path>> claiming = () -> {
                    List<Path> own = new ArrayList<>();
                    for (int i = 0; i < claims; i++) {
                        together.await();
                        own.add(ProcessTempFolder.claim(base));
                    }
                    return own;
                };
                made.add(starters.submit(claiming));
            }
            for (Future<List<Path>> folders : made) {
                // each claim made its folder with its lock file, and no other claim deleted it
                assertThat(folders.get()).hasSize(claims).allSatisfy(folder -> assertThat(folder.resolve(".lock"))
                        .isRegularFile());
            }
        } finally {
            starters.shutdownNow();
        }
    }

    @Test
    void aFolderLeftHalfMadeIsDeletedOnceOldAndAFreshOneIsNot() throws Exception {
        Path old = Files.createDirectories(base.resolve(".making-p1-0123abcd"));
        Files.writeString(old.resolve("x.part"), "left");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path fresh = Files.createDirectories(base.resolve(".making-p2-4567cdef"));
        Path killed = Files.createDirectories(base.resolve("p3-89abcdef"));
        Files.writeString(killed.resolve("v.mp4.part"), "left");

        Path own = ProcessTempFolder.claim(base);

        assertThat(old).doesNotExist();
        assertThat(killed).doesNotExist();
        assertThat(fresh).isDirectory();
        assertThat(own.resolve(".lock")).isRegularFile();
    }

    @Test
    void atExitTheFolderAndATemporaryFolderThisProcessMadeAreRemovedWhenEmpty() throws Exception {
        Path made = base.resolve("made-here");
        Path own = ProcessTempFolder.claim(made);

        ProcessTempFolder.release(own);

        assertThat(own).doesNotExist();
        assertThat(made).as("made by this process, left empty").doesNotExist();
    }

    @Test
    void atExitATemporaryFolderMadeByAnyoneElseOrStillInUseStays() throws Exception {
        Path theirs = Files.createDirectory(base.resolve("theirs"));
        Path own = ProcessTempFolder.claim(theirs);
        Path shared = base.resolve("shared");
        Path first = ProcessTempFolder.claim(shared);
        Path second = ProcessTempFolder.claim(shared);
        Path busy = ProcessTempFolder.claim(base.resolve("busy"));
        Files.writeString(busy.resolve("v.mp4.part"), "still downloading");

        ProcessTempFolder.release(own);
        ProcessTempFolder.release(first);
        ProcessTempFolder.release(busy);

        assertThat(own).doesNotExist();
        assertThat(theirs).as("made by someone else").isEmptyDirectory();
        assertThat(first).doesNotExist();
        assertThat(shared).as("another process's folder in it").isDirectory();
        assertThat(second.resolve(".lock")).isRegularFile();
        assertThat(busy.resolve("v.mp4.part")).as("a file left: the next process's to clean").isRegularFile();
        ProcessTempFolder.release(second);
        assertThat(second).doesNotExist();
        assertThat(shared).as("made by the first: the last to leave removes it").doesNotExist();
    }
}
