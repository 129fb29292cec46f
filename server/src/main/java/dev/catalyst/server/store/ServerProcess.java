package dev.catalyst.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which operating-system process a server instance is, so that a server on the same machine can
 * tell at once that another one was killed (its process is gone) instead of waiting for its lease
 * to expire. Processes are compared only within one kernel boot and one PID namespace, where a
 * PID means the same process; anywhere else only the lease counts.
 *
 * @param hostKey boot id and PID namespace (Linux), or null where they cannot be read
 */
public record ServerProcess(String hostKey, long pid, String processStart) {

    public static ServerProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new ServerProcess(readHostKey(), self.pid(), startOf(self).orElse(null));
    }

    /** True only when {@code lease} was written by a process on this host that no longer exists. */
    public boolean sawGone(InstanceStore.Lease lease) {
        if (hostKey == null || !hostKey.equals(lease.hostKey())) return false;
        Optional<ProcessHandle> other = ProcessHandle.of(lease.pid());
        if (other.isEmpty() || !other.get().isAlive()) return true;
        // the PID was reused by a newer process
        String start = startOf(other.get()).orElse(null);
        return lease.processStart() != null && start != null && !start.equals(lease.processStart());
    }

    private static Optional<String> startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toString);
    }

    private static String readHostKey() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            String pidNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return boot + "/" + pidNs;
        } catch (Exception e) {
            return null;
        }
    }
}
