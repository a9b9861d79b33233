package io.github.camelseedance.examples.benchmark;

import java.nio.file.Path;
import java.util.List;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;

/** The PNG chart of the rows. */
final class Chart {
    private final List<Row> rows;

    Chart(List<Row> rows) {
        this.rows = rows;
    }

    void write(Path png) {
    }
}
