package dev.catalyst.server.cli;

import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a workflow file for a command, turning every way it can fail into one line for the user. */
final class WorkflowFiles {
    /** The file could not be read as a workflow; the message names the file (and line:column for bad JSON). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private WorkflowFiles() {}

    static WorkflowCodec.Decoded read(Path file) throws Unreadable {
        String text;
        try {
            if (Files.isDirectory(file)) throw new Unreadable(file + ": is a directory, not a workflow file");
            if (Files.size(file) > MAX_BYTES) throw new Unreadable(file + ": larger than 64 MiB; not a workflow file");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new Unreadable(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable(file + ": cannot read: " + e.getMessage());
        }
        try {
            return WorkflowCodec.read(text);
        } catch (JsonSyntaxException e) {
            throw new Unreadable(file + ":" + e.line() + ":" + e.column() + ": malformed JSON: " + e.reason());
        }
    }
}
