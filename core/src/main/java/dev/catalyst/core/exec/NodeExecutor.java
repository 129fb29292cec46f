package dev.catalyst.core.exec;

/**
 * The one interface every node type implements. The engine calls it on a virtual thread with the
 * node's inputs and config; a streaming node sends text through {@link NodeContext#token} as it
 * arrives and returns the complete output at the end. Blocking is fine; long waits must watch
 * {@link NodeContext#cancellation()} and {@link NodeContext#deadline()}.
 */
@FunctionalInterface
public interface NodeExecutor {
    NodeOutput execute(NodeCall call) throws NodeException, InterruptedException;
}
