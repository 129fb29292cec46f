package dev.catalyst.server.secrets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One writer at a time for a store kept outside this process (the secrets file, the keychain's
 * index): an OS lock on a lock file, so the CLI and a running server do not lose each other's
 * read-modify-write. The lock file is empty, mode 0600, and stays in place.
 */
final class FileMutex {
    // An OS file lock belongs to the whole process, and asking for it twice from one JVM throws
    // rather than waits; so threads of this process queue on one lock per file first.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;

    FileMutex(Path lockFile) {
        this.lockFile = lockFile.toAbsolutePath().normalize();
    }

    Path lockFile() {
        return lockFile;
    }

    /** Runs {@code work} holding the lock; nested calls on one thread take it once. */
    <T> T hold(Supplier<T> work) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) return work.get();
            try (FileChannel ch = open(); FileLock ignored = ch.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new SecretStoreException("cannot lock " + lockFile + ": " + e.getMessage());
            }
        } finally {
            local.unlock();
        }
    }

    void run(Runnable work) {
        hold(() -> {
            work.run();
            return null;
        });
    }

    private FileChannel open() throws IOException {
        Files.createDirectories(lockFile.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix") && !Files.exists(lockFile)) {
            try {
                Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another writer made it first: the same file serves
            }
        }
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
}
