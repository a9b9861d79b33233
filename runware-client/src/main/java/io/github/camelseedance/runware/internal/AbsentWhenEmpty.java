package io.github.camelseedance.runware.internal;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * A Jackson value filter ({@code @JsonInclude(value = CUSTOM, valueFilter = AbsentWhenEmpty.class)}) that leaves out a
 * nested record whose components are all {@code null}: an empty {@code settings}, {@code safety} or {@code inputs}
 * object is not sent.
 */
public final class AbsentWhenEmpty {

    /** The accessors of each record's components, looked up once per record class. */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getAccessor).toArray(Method[]::new);
        }
    };

    /** @return {@code true} (leave out) for {@code null} and for a record with only {@code null} components */
    @Override
    public boolean equals(Object value) {
        if (value == null) {
            return true;
        }
        if (!value.getClass().isRecord()) {
            return false;
        }
        for (Method accessor : ACCESSORS.get(value.getClass())) {
            if (get(accessor, value) != null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    private static Object get(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + accessor, e);
        }
    }
}
