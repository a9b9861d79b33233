package io.github.camelseedance.examples.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official JavaScript SDK's contender ({@code src/test/node/sdk-js}: {@code contender.mjs} and the pinned
 * {@code @runware/sdk-js}): copied into {@code target/benchmark/sdk-js} and installed there with {@code npm ci} from
 * the npm registry the first time a run needs it (the benchmark is not part of {@code mvn verify}).
 * <p>
 * System properties: {@code bench.sdkJsDir} (the sources, default {@code src/test/node/sdk-js} of this module),
 * {@code bench.node} ({@code node}), {@code bench.npm} ({@code npm}).
 */
final class SdkJs {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "contender.mjs");

    private SdkJs() {
    }

    static String node() {
        return System.getProperty("bench.node", "node");
    }

    /** The installed contender script; installs the SDK first when the lock file changed or nothing is installed. */
    static Path install(Path target) throws IOException, InterruptedException {
        Path sources = Path.of(System.getProperty("bench.sdkJsDir", "src/test/node/sdk-js")).toAbsolutePath();
        Path dir = Files.createDirectories(target.resolve("sdk-js"));
        Path lock = dir.resolve("package-lock.json");
        boolean fresh = Files.isDirectory(dir.resolve("node_modules/@runware/sdk-js")) && Files.exists(lock)
                        && Files.mismatch(lock, sources.resolve("package-lock.json")) < 0;
        for (String file : FILES) {
            Files.copy(sources.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!fresh) {
            Path log = target.resolve("logs").resolve("npm-ci.log");
            Process npm = new ProcessBuilder(System.getProperty("bench.npm", "npm"), "ci", "--no-audit", "--no-fund")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("npm ci of the @runware/sdk-js contender failed in " + dir + ": "
                                      + Files.readString(log));
            }
        }
        return dir.resolve("contender.mjs");
    }
}
