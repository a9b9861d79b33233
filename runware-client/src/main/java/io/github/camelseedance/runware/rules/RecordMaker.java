package io.github.camelseedance.runware.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Makes a record from values already of its components' types (a nested record from a map of its own), by its
 * canonical constructor: what Jackson would bind from the same map, without writing the values out and reading them
 * back. The values come typed from {@link RequestReader}, which converted each one to its component's type.
 *
 * @param <R> the record type
 */
final class RecordMaker<R extends Record> {

    private final Constructor<R> constructor;
    private final RecordComponent[] components;
    /** The makers of the nested records, by component index; {@code null} for other components. */
    private final RecordMaker<?>[] nested;

    RecordMaker(Class<R> type) {
        components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        nested = new RecordMaker<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (types[i].isRecord()) {
                nested[i] = maker(types[i]);
            }
        }
        try {
            constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RecordMaker<?> maker(Class<?> type) {
        return new RecordMaker(type.asSubclass(Record.class));
    }

    /**
     * @param  values                   the components' values by name, a nested record's as a map; absent ones are
     *                                  {@code null}
     * @return                          the record
     * @throws IllegalArgumentException when a value is not of its component's type, or the constructor refuses them
     */
    R make(Map<String, ?> values) {
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = values.get(components[i].getName());
            arguments[i] = nested[i] != null && value instanceof Map<?, ?> map ? nested[i].make(cast(map)) : value;
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(constructor.getDeclaringClass().getSimpleName() + " refused its values: "
                                               + e.getCause(),
                    e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
