/**
 * The low-code flows: YAML DSL routes and the seedance Kamelets run through Camel Main.
 */
package io.github.camelseedance.examples.yaml;
