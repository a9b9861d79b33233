package io.github.camelseedance.examples.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of shell commands in a Markdown file, with what its {@code <!-- run: ... -->} or
 * {@code <!-- not run: reason -->} comment (the line before the block) says about it.
 *
 * <p>The commands run as written, with bash, from the repository root. A comment line {@code # in another terminal}
 * splits them: what comes before keeps running (the example), what comes after runs once the first part has
 * printed {@code ready}. Keys of {@code run:}: {@code expect} (files, comma separated, that must appear, relative to
 * the root), {@code output} (text the commands must print), {@code ready}, {@code timeout} (seconds, default 600).
 * A shell block with neither comment is an error: every command of the docs is run, or says why not.
 *
 * @param file     the Markdown file, relative to the root
 * @param line     the line of the opening fence
 * @param commands the commands before {@code # in another terminal}
 * @param then     the commands after it (empty when there is no such line)
 * @param options  the keys of {@code run:}
 * @param notRun   why the block is not run, or null
 */
record DocCommand(String file, int line, String commands, String then, Map<String, String> options, String notRun) {

    static final String ANOTHER_TERMINAL = "# in another terminal";
    private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z]*)\\s*$");
    private static final Pattern RUN = Pattern.compile("^<!--\\s*run:(.*?)-->\\s*$");
    private static final Pattern NOT_RUN = Pattern.compile("^<!--\\s*not run:(.*?)-->\\s*$");
    private static final Pattern OPTION = Pattern.compile("(\\w+)=(\"([^\"]*)\"|(\\S+))");
    /** Fence languages whose blocks are shell commands (no language: a command too, as README writes them). */
    private static final List<String> SHELL = List.of("", "bash", "sh", "shell", "console");

    /** Every shell block of the file; throws naming the line of a block that has no run or not-run comment. */
    static List<DocCommand> read(Path root, Path markdown) throws IOException {
        String name = root.relativize(markdown).toString();
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<DocCommand> commands = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            String language = fence.group(1).toLowerCase(java.util.Locale.ROOT);
            List<String> body = lines.subList(i + 1, Math.min(end, lines.size()));
            if (SHELL.contains(language)) {
                String comment = previousLine(lines, i);
                Matcher run = RUN.matcher(comment);
                Matcher notRun = NOT_RUN.matcher(comment);
                if (run.matches()) {
                    commands.add(of(name, i + 1, body, options(run.group(1)), null));
                } else if (notRun.matches()) {
                    commands.add(of(name, i + 1, body, Map.of(), notRun.group(1).trim()));
                } else {
                    unmarked.add(name + ":" + (i + 1));
                }
            }
            i = end;
        }
        if (!unmarked.isEmpty()) {
            throw new IllegalStateException("Shell blocks without a <!-- run: ... --> or <!-- not run: why --> comment"
                                            + " on the line before: " + unmarked);
        }
        return commands;
    }

    private static DocCommand of(String file, int line, List<String> body, Map<String, String> options,
                                 String notRun) {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        boolean after = false;
        for (String text : body) {
            if (text.trim().toLowerCase(java.util.Locale.ROOT).startsWith(ANOTHER_TERMINAL)) {
                after = true;
            } else {
                (after ? second : first).add(text);
            }
        }
        return new DocCommand(file, line, String.join("\n", first), String.join("\n", second), options, notRun);
    }

    private static String previousLine(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).trim();
            }
        }
        return "";
    }

    private static Map<String, String> options(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        Matcher matcher = OPTION.matcher(text);
        while (matcher.find()) {
            options.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(4));
        }
        return options;
    }

    /** The files that must appear. */
    List<String> expected() {
        String expect = options.get("expect");
        return expect == null || expect.isBlank() ? List.of() : List.of(expect.split(","));
    }

    int timeoutSeconds() {
        return Integer.parseInt(options.getOrDefault("timeout", "600"));
    }

    /** Where it is, for messages: {@code docs/examples/s3.md:48}. */
    String where() {
        return file + ":" + line;
    }
}
