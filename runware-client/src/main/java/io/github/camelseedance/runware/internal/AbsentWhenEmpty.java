package io.github.camelseedance.runware.internal;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * A Jackson value filter ({@code @JsonInclude(value = CUSTOM, valueFilter = AbsentWhenEmpty.class)}) that leaves out a
 * nested record whose components are all {@code null}: an empty {@code settings}, {@code safety} or {@code inputs}
 * object is not sent.
 */
public final class AbsentWhenEmpty {

    /** @return {@code true} (leave out) for {@code null} and for a record with only {@code null} components */
    @Override
    public boolean equals(Object value) {
        if (value == null) {
            return true;
        }
        if (!value.getClass().isRecord()) {
            return false;
        }
        return Arrays.stream(value.getClass().getRecordComponents())
                .allMatch(component -> get(component, value) == null);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    private static Object get(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
