/**
 * Videos stored in an S3 bucket with their metadata as object metadata (an in-process S3Proxy by default).
 */
package io.github.camelseedance.examples.s3;
