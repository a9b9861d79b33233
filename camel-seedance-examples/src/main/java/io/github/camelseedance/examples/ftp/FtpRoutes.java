package io.github.camelseedance.examples.ftp;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Prompts (text files) picked up from {@code ftp.prompts-dir} on the FTP server become videos put back in
 * {@code ftp.videos-dir}, under the prompt file's name with the video extension ({@code cat.txt} gives
 * {@code cat.mp4}; {@code cat-1.mp4}, {@code cat-2.mp4}... with several results). A video is written under a
 * temporary name and renamed when complete, so a reader never sees half a file; a done prompt is moved to
 * {@code .done} (to {@code .failed} when generation failed).
 */
public class FtpRoutes extends RouteBuilder {

    static final String SERVER = "ftp://{{ftp.user}}@{{ftp.host}}:{{ftp.port}}";
    static final String OPTIONS = "password=RAW({{ftp.password}})&passiveMode={{ftp.passive-mode}}&binary=true";

    @Override
    public void configure() {
        from(SERVER + "/{{ftp.prompts-dir}}?" + OPTIONS + "&include=.*\\.txt&move=.done&moveFailed=.failed"
             + "&delay={{ftp.poll-delay}}&readLock=changed&readLockCheckInterval=500&readLockMinAge=500")
                .routeId("seedance-ftp")
                .convertBodyTo(String.class)
                .log("Generating a video for ftp:${header.CamelFileName}")
                .to("seedance:generate?model={{seedance.model}}&resolution={{seedance.resolution}}"
                    + "&aspectRatio={{seedance.aspect-ratio}}&duration={{seedance.duration}}"
                    + "&numberResults={{seedance.number-results}}")
                .split(body())
                .setHeader(Exchange.FILE_NAME, simple("${body.fileName}"))
                .to(SERVER + "/{{ftp.videos-dir}}?" + OPTIONS + "&tempFileName=${file:onlyname}.part")
                .log("Put ftp:{{ftp.videos-dir}}/${header.CamelFileName} (${body.size} bytes, task ${body.taskUUID})")
                .end();
    }
}
