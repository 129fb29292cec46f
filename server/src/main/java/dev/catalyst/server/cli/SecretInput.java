package dev.catalyst.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Where {@code catalyst secrets set} reads a value: a prompt that does not echo, or standard input; never the command line. */
@FunctionalInterface
interface SecretInput {
    /** One line, without its line end; null at end of input. */
    String read(String prompt, boolean fromStdin, PrintWriter err) throws IOException;

    /** The process's terminal when there is one (no echo), else its standard input. */
    static SecretInput system() {
        return (prompt, fromStdin, err) -> {
            var console = System.console();
            if (!fromStdin && console != null) {
                char[] typed = console.readPassword("%s", prompt);
                return typed == null ? null : new String(typed);
            }
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        };
    }
}
