package io.github.camelseedance.runware.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** What the client does with futures: unwrap their failures, and map results without wrapping exceptions. */
public final class Futures {

    private Futures() {
    }

    /** The failure inside {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
               && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Maps a result, completing the returned future with the mapping's exception itself (not wrapped). */
    public static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<T, R> mapping) {
        CompletableFuture<R> result = new CompletableFuture<>();
        source.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            try {
                result.complete(mapping.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
