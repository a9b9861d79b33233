/**
 * Prompts picked up from an FTP server and videos put back (an in-process Apache FtpServer by default).
 */
package io.github.camelseedance.examples.ftp;
