package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the studio has spent: one JSON line per task whose cost Runware reported, appended to a file in the studio's
 * state folder, so today's and this month's spend survive restarts. Days and months are those of the machine's time
 * zone.
 */
final class SpendLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final ZoneId zone;
    private final List<Entry> entries = new ArrayList<>();

    /** A task's cost at a time. */
    record Entry(Instant at, String taskUUID, String input, BigDecimal cost) {
    }

    SpendLedger(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.zone = clock.getZone();
        load();
    }

    /** Records the cost of a task (nothing when the cost is unknown). */
    synchronized void spent(String taskUUID, String input, BigDecimal cost) {
        if (cost == null) {
            return;
        }
        Entry entry = new Entry(clock.instant(), taskUUID, input, cost);
        entries.add(entry);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", entry.at().toString());
        line.put("taskUUID", taskUUID);
        line.put("input", input);
        line.put("cost", cost);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the spend in " + file, e);
        }
    }

    /** USD spent today. */
    synchronized BigDecimal today() {
        LocalDate today = LocalDate.now(clock);
        return sum(e -> LocalDate.ofInstant(e.at(), zone).equals(today));
    }

    /** USD spent this month. */
    synchronized BigDecimal thisMonth() {
        YearMonth month = YearMonth.now(clock);
        return sum(e -> YearMonth.from(e.at().atZone(zone)).equals(month));
    }

    Path file() {
        return file;
    }

    private BigDecimal sum(java.util.function.Predicate<Entry> which) {
        return entries.stream().filter(which).map(Entry::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                entries.add(new Entry(Instant.parse(node.get("at").asText()), node.path("taskUUID").asText(null),
                        node.path("input").asText(null), node.get("cost").decimalValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the spend recorded in " + file + ": " + e.getMessage(), e);
        }
    }
}
