package dev.catalyst.server.http;

import dev.catalyst.server.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A {@code catalyst start} child process, in the environment a test gives it (none of this
 * machine's CATALYST_, key or OTEL_ variables leak in); its stderr lines (the log) arrive on
 * {@link #log}, its stdout is drained after the "serving on" line.
 */
public record ServerChild(Process process, String url, LinkedBlockingQueue<String> log, List<String> seen) {

    public static ServerChild start(Path home, Map<String, String> env) throws IOException {
        Files.createDirectories(home);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start");
        pb.environment().keySet().removeIf(k -> k.startsWith("CATALYST_") || k.endsWith("_API_KEY") || k.startsWith("OTEL_"));
        pb.environment().putAll(env);
        pb.environment().put("CATALYST_HOME", home.toString());
        Process p = pb.start();
        var log = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) log.add(line);
            } catch (IOException ended) {
                // the process is gone
            }
        });
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        var printed = new StringBuilder();
        while ((line = out.readLine()) != null) {
            printed.append(line).append('\n');
            var m = Pattern.compile("serving on (http://\\S+)").matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> { // keep its stdout drained
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ended) {
                        // the process is gone
                    }
                });
                return new ServerChild(p, m.group(1), log, new ArrayList<>());
            }
        }
        throw new AssertionError("instance did not start; stdout: " + printed + " stderr: " + String.join("\n", log));
    }

    /** Waits for a log line containing {@code text} (lines before it are kept in {@link #seen}). */
    public boolean awaitLog(String text, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            String line = log.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) return false;
            seen.add(line);
            if (line.contains(text)) return true;
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
