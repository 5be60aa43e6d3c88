package io.netrules.live;

import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.internal.WebSocketMessage;

/**
 * What the mock API server answers to one exec: output frames, then the exit status.
 *
 * <p>Why a delay: the mock server sends each message on its own timer task and closes the
 * socket as soon as no message is pending. With a delay of 0 the first frame can go, and the
 * socket close, before the next message was even queued, so the client saw no exit status
 * (a failed exec then looked like one that sent nothing). With the same delay on every
 * message all are queued before the first is sent, and one timer thread sends them in order.
 */
final class ExecReply {
    private static final long DELAY_MS = 20;

    private ExecReply() {
    }

    /** One exec-protocol frame: the channel byte (1 stdout, 2 stderr) and its bytes. */
    static WebSocketMessage frame(int channel, byte[] bytes) {
        byte[] frame = new byte[bytes.length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(bytes, 0, frame, 1, bytes.length);
        return new WebSocketMessage(DELAY_MS, frame, false, true);
    }

    /** The exit status on the exec protocol's error channel, as the API server sends it. */
    static WebSocketMessage status(int exitStatus) {
        return new WebSocketMessage(DELAY_MS, new StatusStreamMessage(exitStatus).getBytes(), false, true);
    }
}
