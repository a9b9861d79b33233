package io.github.camelseedance.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Scripted faults in order: "the next n times, this value". Not thread-safe (the {@link FaultPlan} locks). */
final class ScriptedQueue<T> {

    private final Deque<Entry<T>> entries = new ArrayDeque<>();

    void add(T value, int times) {
        if (times > 0) {
            entries.addLast(new Entry<>(value, times));
        }
    }

    /** The next scripted value, consuming one use of it. */
    Optional<T> poll() {
        Entry<T> head = entries.peekFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (--head.remaining == 0) {
            entries.removeFirst();
        }
        return Optional.of(head.value);
    }

    void clear() {
        entries.clear();
    }

    private static final class Entry<T> {
        private final T value;
        private int remaining;

        Entry(T value, int remaining) {
            this.value = value;
            this.remaining = remaining;
        }
    }
}
