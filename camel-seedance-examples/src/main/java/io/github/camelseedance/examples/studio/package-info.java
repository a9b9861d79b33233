/**
 * The file-drop studio: prompts, JSON requests and images dropped into inbox/ become videos with JSON sidecars in
 * outbox/; the application behind README's first command.
 */
package io.github.camelseedance.examples.studio;
