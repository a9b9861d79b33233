package io.github.camelseedance.seedance.journal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/** A DataSource that counts the statements executed through it (a batch counts once per row). */
final class StatementCounter {

    private final AtomicLong executed = new AtomicLong();

    long executed() {
        return executed.get();
    }

    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (self, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute") && target instanceof Statement) {
                executed.incrementAndGet();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection);
            }
            if (result instanceof java.sql.PreparedStatement statement) {
                return proxy(java.sql.PreparedStatement.class, statement);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{ type }, handler);
    }
}
