/**
 * What a started seedance component runs: SeedanceRuntime owns the scheduler and pools, one Runware client and task
 * tracker per API key and base URL (RunwareServices), the webhook receiver, the task journal and the resumption of
 * recorded tasks.
 */
package io.github.camelseedance.seedance.runtime;
